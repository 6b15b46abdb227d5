import type { DescService } from "@bufbuild/protobuf";
import type { Transport } from "@connectrpc/connect";
import { createWaybillClients, createWaybillTransport, type Waybill } from "@waybill/sdk/node";
import { type ClusterProcess, type ClusterService, clusterServices, replicaForLane } from "./cluster-layout.js";

/** Packages served by a service other than the one they are named after (`waybill.access.v1` by Orders). */
const servedBy: Readonly<Record<string, ClusterService>> = { access: "orders" };

/** The service that serves `descriptor` (`waybill.inventory.v1.InventoryService` → inventory). */
export function serviceOf(descriptor: DescService): ClusterService {
  const domain = descriptor.typeName.split(".")[1] ?? "";
  const service = servedBy[domain] ?? clusterServices.find((name) => name === domain);
  if (!service) throw new Error(`no service of the cluster serves ${descriptor.typeName}`);
  return service;
}

/**
 * The SDK's clients of one lane of the cluster: each service's calls go to its replica of that
 * lane (lane 2: orders 2, inventory 2, and the single replica of the others), with the SDK's
 * defaults (retries of keyed mutations included). Transports are made once per address.
 *
 * @example
 * const waybill = laneClient(processes, 2, token);
 * await waybill.orders.placeOrder(request);
 */
export function laneClient(processes: readonly ClusterProcess[], lane: number, token: string): Waybill {
  const transports = new Map<string, Transport>();
  return createWaybillClients((descriptor) => {
    const { url } = replicaForLane(processes, serviceOf(descriptor), lane);
    let transport = transports.get(url);
    if (!transport) {
      transport = createWaybillTransport({ baseUrl: url, token });
      transports.set(url, transport);
    }
    return transport;
  });
}

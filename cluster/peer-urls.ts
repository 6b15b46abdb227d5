import { ConfigError } from "../services/kit/config/config-error.js";
import { peerSettings, peerVariable } from "../services/kit/config/waybill-settings.js";
import { type ClusterProcess, clusterServices, replicaForLane, replicasOf } from "./cluster-layout.js";

/**
 * Whether `<SERVICE>_URL` takes a comma-separated list (client-side balancing and failover over
 * the replicas). Asked of the setting itself, so that the cluster follows the kit as it is.
 */
export function peerUrlListsAccepted(): boolean {
  try {
    peerSettings(["orders"]).read({ ORDERS_URL: "http://127.0.0.1:1,http://127.0.0.1:2" });
    return true;
  } catch (error) {
    if (error instanceof ConfigError) return false;
    throw error;
  }
}

/**
 * The `<SERVICE>_URL` variables of one process: for every other service, the URLs of all its
 * replicas when the setting takes a list; otherwise the replica of the same number as this
 * process (orders 2 calls inventory 2), so that a killed replica stops one lane only.
 *
 * @example
 * peerVariables(processes, ordersTwo, true); // { INVENTORY_URL: "http://127.0.0.1:8081,http://127.0.0.1:8082", … }
 */
export function peerVariables(
  processes: readonly ClusterProcess[],
  process: ClusterProcess,
  lists: boolean,
): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const service of clusterServices) {
    if (service === process.service) continue;
    variables[peerVariable(service)] = lists
      ? replicasOf(processes, service)
          .map((replica) => replica.url)
          .join(",")
      : replicaForLane(processes, service, process.index).url;
  }
  return variables;
}

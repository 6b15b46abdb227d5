import type { Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcWebTransport } from "@connectrpc/connect-web";
import { sdkInterceptors, type WaybillOptions } from "./waybill-client.js";

/** Browser options: the Connect protocol (default) or gRPC-Web. */
export interface BrowserWaybillOptions extends WaybillOptions {
  readonly protocol?: "connect" | "grpc-web";
}

/**
 * A transport over `fetch` with the SDK's interceptors (token, User-Agent, deadline, idempotency
 * keys, retries, trace context), for the clients of one or two services. With a per-service
 * client it is the lightest way to call Waybill from a page: the bundle holds that service's
 * contract and nothing of the others.
 *
 * @example
 * import { createWaybillTransport } from "@waybill/sdk";
 * import { createInventoryClient } from "@waybill/sdk/inventory";
 * const inventory = createInventoryClient(createWaybillTransport({ baseUrl, token }));
 * const { items } = await inventory.listItems({});
 */
export function createWaybillTransport(options: BrowserWaybillOptions): Transport {
  const settings = { baseUrl: options.baseUrl, interceptors: sdkInterceptors(options) };
  return options.protocol === "grpc-web" ? createGrpcWebTransport(settings) : createConnectTransport(settings);
}

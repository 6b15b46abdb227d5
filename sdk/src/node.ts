/**
 * `@waybill/sdk/node`: the clients over Node's HTTP stack, with gRPC (HTTP/2) as well as the
 * Connect protocol and gRPC-Web. Everything of `@waybill/sdk` too, with `createWaybill` and
 * `createWaybillTransport` taking Node's protocols.
 *
 * @example
 * import { createWaybill } from "@waybill/sdk/node";
 * const waybill = createWaybill({ baseUrl: "http://127.0.0.1:8080", token, protocol: "grpc" });
 *
 * @module @waybill/sdk/node
 */
import { createWaybillTransport, type NodeWaybillOptions } from "./node-transport.js";
import { createWaybillClients, type Waybill } from "./waybill-client.js";

export * from "./index.js";
export { createWaybillTransport, type NodeWaybillOptions } from "./node-transport.js";

/** Creates the five clients over Node's `http`/`http2`. gRPC always uses HTTP/2 (h2c for http URLs). */
export function createWaybill(options: NodeWaybillOptions): Waybill {
  return createWaybillClients(createWaybillTransport(options));
}

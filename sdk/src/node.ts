/**
 * `@waybill/sdk/node`: the clients over Node's HTTP stack, with gRPC (HTTP/2) as well as the
 * Connect protocol and gRPC-Web.
 *
 * @example
 * import { createWaybill } from "@waybill/sdk/node";
 * const waybill = createWaybill({ baseUrl: "http://127.0.0.1:8080", token, protocol: "grpc" });
 */
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import { createWaybillClients, sdkInterceptors, type Waybill, type WaybillOptions } from "./waybill-client.js";

export * from "./index.js";

/** Node options: the wire protocol, Connect by default. */
export interface NodeWaybillOptions extends WaybillOptions {
  readonly protocol?: "connect" | "grpc" | "grpc-web";
}

/** Creates the five clients over Node's `http`/`http2`. gRPC always uses HTTP/2 (h2c for http URLs). */
export function createWaybill(options: NodeWaybillOptions): Waybill {
  const common = { baseUrl: options.baseUrl, interceptors: sdkInterceptors(options) };
  switch (options.protocol ?? "connect") {
    case "grpc":
      return createWaybillClients(createGrpcTransport(common));
    case "grpc-web":
      return createWaybillClients(createGrpcWebTransport({ ...common, httpVersion: "1.1" }));
    default:
      return createWaybillClients(createConnectTransport({ ...common, httpVersion: "1.1" }));
  }
}

import type { Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import { sdkInterceptors, type WaybillOptions } from "./waybill-client.js";

/** Node options: the wire protocol, Connect by default. */
export interface NodeWaybillOptions extends WaybillOptions {
  readonly protocol?: "connect" | "grpc" | "grpc-web";
}

/**
 * A transport over Node's `http`/`http2` with the SDK's interceptors, for the clients of one or
 * two services. gRPC always uses HTTP/2 (h2c for http URLs); Connect and gRPC-Web use HTTP/1.1.
 *
 * @example
 * import { createWaybillTransport } from "@waybill/sdk/node";
 * import { createOrderClient } from "@waybill/sdk/orders";
 * const orders = createOrderClient(createWaybillTransport({ baseUrl, token, protocol: "grpc" }));
 */
export function createWaybillTransport(options: NodeWaybillOptions): Transport {
  const common = { baseUrl: options.baseUrl, interceptors: sdkInterceptors(options) };
  switch (options.protocol ?? "connect") {
    case "grpc":
      return createGrpcTransport(common);
    case "grpc-web":
      return createGrpcWebTransport({ ...common, httpVersion: "1.1" });
    default:
      return createConnectTransport({ ...common, httpVersion: "1.1" });
  }
}

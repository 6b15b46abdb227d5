/**
 * `@waybill/sdk` for browsers and any runtime with `fetch`: typed clients of the five Waybill
 * services over the Connect protocol (or gRPC-Web). In Node, `@waybill/sdk/node` adds gRPC.
 *
 * @example
 * import { createWaybill } from "@waybill/sdk";
 * const waybill = createWaybill({ baseUrl: "http://127.0.0.1:8080", token });
 * const { item } = await waybill.inventory.getItem({ brandId: "acme", sku: "MUG-1" });
 */
import { createConnectTransport, createGrpcWebTransport } from "@connectrpc/connect-web";
import { createWaybillClients, sdkInterceptors, type Waybill, type WaybillOptions } from "./waybill-client.js";

export { Code, ConnectError } from "@connectrpc/connect";
export type { TokenSource } from "./bearer-token.js";
export { bearerTokenInterceptor } from "./bearer-token.js";
export { type RateLimitRetryOptions, rateLimitRetryInterceptor, retryDelayMs } from "./rate-limit-retry.js";
export { tracePropagationInterceptor } from "./trace-propagation.js";
export type { Waybill, WaybillOptions } from "./waybill-client.js";
export { createWaybillClients, sdkInterceptors } from "./waybill-client.js";
export type { VerifyWebhookSignatureOptions } from "./webhook-signature.js";
export { signWebhookPayload, verifyWebhookSignature, WebhookHeaders } from "./webhook-signature.js";

/** Browser options: the Connect protocol (default) or gRPC-Web. */
export interface BrowserWaybillOptions extends WaybillOptions {
  readonly protocol?: "connect" | "grpc-web";
}

/** Creates the five clients over `fetch`. */
export function createWaybill(options: BrowserWaybillOptions): Waybill {
  const settings = { baseUrl: options.baseUrl, interceptors: sdkInterceptors(options) };
  const transport =
    options.protocol === "grpc-web" ? createGrpcWebTransport(settings) : createConnectTransport(settings);
  return createWaybillClients(transport);
}

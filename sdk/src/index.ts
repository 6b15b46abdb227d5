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

export { deadlineInterceptor, defaultTimeoutMs } from "./deadline-interceptor.js";
export { type WaybillError, waybillErrorOf } from "./errors.js";
export { isNotFound, isPermissionDenied, isRateLimited, isUnauthenticated } from "./errors-codes.js";
export { stockShortageOf } from "./errors-stock-shortage.js";
export type { FieldViolation } from "./errors-violations.js";
export { violationsOf } from "./errors-violations.js";
export { idempotencyKeyInterceptor, randomKey } from "./idempotency-key.js";
export { fromJson, type ToJsonOptions, toJson, toJsonString } from "./json.js";
export { type PagedRequest, type PagedResponse, type PageItem, type PaginateOptions, paginate } from "./paginate.js";
export { type RetrySettings, retryInterceptor } from "./retry-interceptor.js";
export { isRetrySafe, type RetryOptions } from "./retry-policy.js";
export { sdkUserAgent, userAgentInterceptor } from "./user-agent.js";
export { sdkVersion } from "./user-agent-version.js";
export type { SignWebhookPayloadOptions } from "./webhook-signature.js";

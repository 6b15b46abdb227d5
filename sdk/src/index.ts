/**
 * `@waybill/sdk` for browsers and any runtime with `fetch`: typed clients of the five Waybill
 * services over the Connect protocol (or gRPC-Web). In Node, `@waybill/sdk/node` adds gRPC.
 * Messages and enums come from the per-service entries (`@waybill/sdk/inventory` …); this entry
 * has what every caller needs besides: the transports, errors, retries, paging, JSON, webhooks and
 * protobuf's `create`, `fromBinary`, `toBinary` and timestamp helpers.
 *
 * @example
 * import { createWaybill } from "@waybill/sdk";
 * const waybill = createWaybill({ baseUrl: "http://127.0.0.1:8080", token });
 * const { item } = await waybill.inventory.getItem({ brandId: "acme", sku: "MUG-1" });
 *
 * @module @waybill/sdk
 */
import { type BrowserWaybillOptions, createWaybillTransport } from "./browser-transport.js";
import { createWaybillClients, type Waybill } from "./waybill-client.js";

// protobuf-es itself, so that building, encoding and dating messages needs no second import.
export { create, fromBinary, type MessageInitShape, toBinary } from "@bufbuild/protobuf";
export {
  type Timestamp,
  timestampDate,
  timestampFromDate,
  timestampFromMs,
  timestampMs,
  timestampNow,
} from "@bufbuild/protobuf/wkt";
export { Code, ConnectError } from "@connectrpc/connect";
export type { TokenSource } from "./bearer-token.js";
export { bearerTokenInterceptor } from "./bearer-token.js";
export { type BrowserWaybillOptions, createWaybillTransport } from "./browser-transport.js";
export { type RateLimitRetryOptions, rateLimitRetryInterceptor, retryDelayMs } from "./rate-limit-retry.js";
export { tracePropagationInterceptor } from "./trace-propagation.js";
export type { Waybill, WaybillOptions } from "./waybill-client.js";
export { createWaybillClients, sdkInterceptors } from "./waybill-client.js";
export type { VerifyWebhookSignatureOptions } from "./webhook-signature.js";
export { signWebhookPayload, verifyWebhookSignature, WebhookHeaders } from "./webhook-signature.js";

/** Creates the five clients over `fetch` (for one service, `createWaybillTransport` and its client weigh less). */
export function createWaybill(options: BrowserWaybillOptions): Waybill {
  return createWaybillClients(createWaybillTransport(options));
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

import { Code, ConnectError } from "@connectrpc/connect";
import { retryDelayMs } from "./retry-delay.js";

function hasCode(error: unknown, code: Code): error is ConnectError {
  return error instanceof ConnectError && error.code === code;
}

/** True when the thing asked for does not exist — or belongs to another brand, which Waybill does not reveal. */
export function isNotFound(error: unknown): error is ConnectError {
  return hasCode(error, Code.NotFound);
}

/** True when the caller's role or brand may not make this call (the credentials themselves were fine). */
export function isPermissionDenied(error: unknown): error is ConnectError {
  return hasCode(error, Code.PermissionDenied);
}

/** True when the credentials are missing, malformed or expired. */
export function isUnauthenticated(error: unknown): error is ConnectError {
  return hasCode(error, Code.Unauthenticated);
}

/**
 * True when Waybill's rate limit refused the call (RESOURCE_EXHAUSTED with a
 * `google.rpc.RetryInfo`; a body too large is RESOURCE_EXHAUSTED too, but not a rate limit).
 * `retryDelayMs(error)` gives the wait it asks for. The SDK already retries these after that wait,
 * unless `rateLimitRetry: false`.
 *
 * @example
 * if (isRateLimited(error)) setTimeout(retry, retryDelayMs(error));
 */
export function isRateLimited(error: unknown): error is ConnectError {
  return retryDelayMs(error) !== undefined;
}

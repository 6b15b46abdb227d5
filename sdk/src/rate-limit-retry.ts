import type { Interceptor } from "@connectrpc/connect";
import { retryInterceptor } from "./retry-interceptor.js";

export { retryDelayMs } from "./retry-delay.js";

/**
 * How the SDK answers Waybill's rate limits.
 *
 * @deprecated Use `retry: { maxAttempts, maxDelayMs }`, which covers rate limits too.
 */
export interface RateLimitRetryOptions {
  /** Attempts of one call in all, the first included (default 3; 1 turns retrying off). */
  readonly maxAttempts?: number;
  /** The longest wait the SDK accepts before a retry (default 10,000 ms); a longer one is thrown. */
  readonly maxDelayMs?: number;
}

/**
 * Retries a unary call refused by Waybill's rate limit (RESOURCE_EXHAUSTED carrying a
 * `google.rpc.RetryInfo`) after the wait the server asked for, and nothing else. Such a refusal
 * comes before the server reads the request, so a retry is safe for every method. Each wait is the
 * asked one plus up to a fifth more at random. The call's own deadline still holds: a wait it
 * would cut short is not started (the refusal is thrown), and a retry tells the server the time
 * really left; an aborted signal ends the wait. Other errors are thrown at once.
 *
 * @deprecated `createWaybill` retries rate limits and transient failures (`retryInterceptor`).
 * @example
 * createClient(InventoryService, createConnectTransport({ baseUrl, interceptors: [rateLimitRetryInterceptor()] }));
 */
export function rateLimitRetryInterceptor(options: RateLimitRetryOptions = {}): Interceptor {
  return retryInterceptor({
    transient: false,
    rateLimit: { maxAttempts: options.maxAttempts ?? 3, maxDelayMs: options.maxDelayMs ?? 10_000 },
  });
}

import type { RateLimitRetryOptions } from "./rate-limit-retry.js";
import type { RetrySettings } from "./retry-interceptor.js";
import type { RetryOptions } from "./retry-policy.js";

/**
 * Resolves `retry` and the deprecated `rateLimitRetry` into the interceptor's settings:
 * `retry: false` turns every retry off, `rateLimitRetry: false` only those after a RetryInfo
 * wait; `rateLimitRetry`'s numbers, when given, win for rate-limit refusals.
 */
export function retrySettings(
  retry: RetryOptions | false | undefined,
  rateLimitRetry: RateLimitRetryOptions | false | undefined,
): RetrySettings {
  if (retry === false) return { transient: false, rateLimit: false };
  const maxAttempts = retry?.maxAttempts ?? 3;
  const maxDelayMs = retry?.maxDelayMs ?? 10_000;
  return {
    transient: { maxAttempts, initialDelayMs: retry?.initialDelayMs ?? 200, maxDelayMs },
    rateLimit:
      rateLimitRetry === false
        ? false
        : {
            maxAttempts: rateLimitRetry?.maxAttempts ?? maxAttempts,
            maxDelayMs: rateLimitRetry?.maxDelayMs ?? maxDelayMs,
          },
  };
}

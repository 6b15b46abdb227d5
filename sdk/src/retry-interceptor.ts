import type { Interceptor } from "@connectrpc/connect";
import { retryDelayMs } from "./retry-delay.js";
import { backoffDelayMs, isRetrySafe, isTransient, type RetryOptions } from "./retry-policy.js";
import { setTimeoutHeader, timeoutOf, wait } from "./retry-wait.js";

/** The retry interceptor's settings: transient failures, and rate-limit refusals (RetryInfo). */
export interface RetrySettings {
  /** Backoff retries of retry-safe calls; `false` retries none. */
  readonly transient: Required<RetryOptions> | false;
  /** Retries of any unary call refused with RetryInfo, after the wait asked; `false` retries none. */
  readonly rateLimit: { readonly maxAttempts: number; readonly maxDelayMs: number } | false;
}

/**
 * Sends a unary call again after a transient failure. A refusal carrying `google.rpc.RetryInfo`
 * (Waybill's rate limit, answered before the request is read, so safe for every method) is retried
 * after the wait asked plus up to a fifth; UNAVAILABLE and DEADLINE_EXCEEDED are retried with
 * exponential backoff and jitter, only for retry-safe calls
 * (reads, and mutations with an idempotency key: see {@link isRetrySafe}). The call's deadline
 * covers all attempts: a wait it would cut short is not started (the last error is thrown), a
 * retry tells the server the time really left, and an aborted signal ends a wait.
 */
export function retryInterceptor(settings: RetrySettings): Interceptor {
  return (next) => async (req) => {
    if (req.stream) return next(req);
    const startedAt = Date.now();
    const timeoutMs = timeoutOf(req.header);
    const safe = isRetrySafe(req.method, req.message);
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(req);
      } catch (error) {
        const delayMs = delayBeforeRetry(error, attempt, safe, settings);
        if (delayMs === undefined || req.signal.aborted) throw error;
        const leftMs = timeoutMs === undefined ? Number.POSITIVE_INFINITY : timeoutMs - (Date.now() - startedAt);
        // The deadline would pass while waiting: the error says more than a timeout would.
        if (delayMs >= leftMs) throw error;
        if (!(await wait(delayMs, req.signal))) throw error;
        // The server must know the time that is really left, not the whole timeout again.
        if (timeoutMs !== undefined) setTimeoutHeader(req.header, timeoutMs - (Date.now() - startedAt));
      }
    }
  };
}

/** The wait before another attempt, or `undefined` when the error is to be thrown. */
function delayBeforeRetry(error: unknown, attempt: number, safe: boolean, settings: RetrySettings): number | undefined {
  const asked = retryDelayMs(error);
  if (asked !== undefined) {
    const limit = settings.rateLimit;
    if (!limit || attempt >= limit.maxAttempts || asked > limit.maxDelayMs) return undefined;
    // A little more than asked, at random, so that callers refused together do not return together.
    return Math.ceil(asked * (1 + Math.random() * 0.2));
  }
  const policy = settings.transient;
  if (!policy || !safe || !isTransient(error) || attempt >= policy.maxAttempts) return undefined;
  return backoffDelayMs(attempt, policy.initialDelayMs, policy.maxDelayMs);
}

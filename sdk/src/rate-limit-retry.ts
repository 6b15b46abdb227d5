import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { RetryInfoSchema } from "@waybill/contracts/google/rpc/retry_info_pb.js";

/** How the SDK answers Waybill's rate limits. */
export interface RateLimitRetryOptions {
  /** Attempts of one call in all, the first included (default 3; 1 turns retrying off). */
  readonly maxAttempts?: number;
  /** The longest wait the SDK accepts before a retry (default 10,000 ms); a longer one is thrown. */
  readonly maxDelayMs?: number;
}

/**
 * Retries a unary call refused by Waybill's rate limit (RESOURCE_EXHAUSTED carrying a
 * `google.rpc.RetryInfo`) after the wait the server asked for. Such a refusal comes before the
 * server reads the request, so a retry is safe for every method. The call's own deadline and
 * abort signal still hold: a wait they cut short ends the call as they always do
 * (DEADLINE_EXCEEDED, CANCELED). Other errors, and
 * RESOURCE_EXHAUSTED without retry information (a body too large), are thrown at once.
 *
 * @example
 * createWaybill({ baseUrl, token, rateLimitRetry: { maxAttempts: 5 } });
 */
export function rateLimitRetryInterceptor(options: RateLimitRetryOptions = {}): Interceptor {
  const maxAttempts = options.maxAttempts ?? 3;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  return (next) => async (req) => {
    if (req.stream) return next(req);
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(req);
      } catch (error) {
        const delayMs = attempt < maxAttempts ? retryDelayMs(error) : undefined;
        if (delayMs === undefined || delayMs > maxDelayMs) throw error;
        if (!(await wait(delayMs, req.signal))) throw error;
      }
    }
  };
}

/**
 * The wait a rate-limit refusal asks for, in milliseconds, or `undefined` for any other error.
 *
 * @example
 * catch (error) { const ms = retryDelayMs(error); if (ms !== undefined) setTimeout(retry, ms); }
 */
export function retryDelayMs(error: unknown): number | undefined {
  if (!(error instanceof ConnectError) || error.code !== Code.ResourceExhausted) return undefined;
  const [info] = error.findDetails(RetryInfoSchema);
  if (!info?.retryDelay) return undefined;
  return Number(info.retryDelay.seconds) * 1000 + Math.ceil(info.retryDelay.nanos / 1_000_000);
}

/** Resolves `true` after `ms`, or `false` as soon as `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (waited: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", aborted);
      resolve(waited);
    };
    const aborted = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener("abort", aborted, { once: true });
  });
}

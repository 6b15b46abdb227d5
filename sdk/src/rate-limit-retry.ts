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
 * server reads the request, so a retry is safe for every method. Each wait is the asked one plus
 * up to a fifth more at random. The call's own deadline still holds: a wait it would cut short
 * is not started (the refusal is thrown), and a retry tells the server the time really left; an
 * aborted signal ends the wait (CANCELED). Other errors, and
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
    const startedAt = Date.now();
    const timeoutMs = timeoutOf(req.header);
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(req);
      } catch (error) {
        const asked = attempt < maxAttempts ? retryDelayMs(error) : undefined;
        if (asked === undefined || asked > maxDelayMs) throw error;
        // A little more than asked, at random, so that callers refused together do not return together.
        const delayMs = Math.ceil(asked * (1 + Math.random() * 0.2));
        const leftMs = timeoutMs === undefined ? Number.POSITIVE_INFINITY : timeoutMs - (Date.now() - startedAt);
        // The deadline would pass while waiting: the refusal says more than a timeout would.
        if (delayMs >= leftMs) throw error;
        if (!(await wait(delayMs, req.signal))) throw error;
        // The server must know the time that is really left, not the whole timeout again.
        if (timeoutMs !== undefined) setTimeoutHeader(req.header, timeoutMs - (Date.now() - startedAt));
      }
    }
  };
}

/** The call's timeout in milliseconds, from the header the transport set (Connect or gRPC). */
function timeoutOf(header: Headers): number | undefined {
  const connect = header.get("connect-timeout-ms");
  if (connect !== null) return Number(connect);
  const grpc = /^(\d+)([HMSmun])$/.exec(header.get("grpc-timeout") ?? "");
  if (!grpc?.[1] || !grpc[2]) return undefined;
  const unitMs: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1_000, m: 1, u: 0.001, n: 0.000_001 };
  return Number(grpc[1]) * (unitMs[grpc[2]] ?? 1);
}

function setTimeoutHeader(header: Headers, leftMs: number): void {
  const ms = String(Math.max(1, Math.floor(leftMs)));
  if (header.has("connect-timeout-ms")) header.set("connect-timeout-ms", ms);
  if (header.has("grpc-timeout")) header.set("grpc-timeout", `${ms}m`);
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

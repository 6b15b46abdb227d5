import type { DescMethod, Message } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { idempotencyKeyOf } from "./idempotency-key.js";

/** How the SDK retries failed unary calls. */
export interface RetryOptions {
  /** Attempts of one call in all, the first included (default 3; 1 turns retrying off). */
  readonly maxAttempts?: number;
  /** The first backoff wait (default 200 ms); each later one doubles, with jitter. */
  readonly initialDelayMs?: number;
  /**
   * The longest wait between attempts (default 10,000 ms): backoff stops growing there, and a
   * server asking (RetryInfo) for a longer wait gets its refusal thrown instead.
   */
  readonly maxDelayMs?: number;
}

/**
 * The codes worth another attempt: nothing was done, or the outcome is unknown and a retry is safe.
 * RESOURCE_EXHAUSTED is retried only when it carries RetryInfo (a rate limit, see
 * `retryInterceptor`): without it, it means a request too large, which no retry mends.
 */
const transientCodes: ReadonlySet<Code> = new Set([Code.Unavailable, Code.DeadlineExceeded]);

/**
 * Whether a call may be sent again after a transient failure: a read (`idempotency_level`
 * NO_SIDE_EFFECTS or IDEMPOTENT in its contract, else a name starting with Get or List), or a
 * mutation whose request carries a non-empty `idempotency_key` (the server replays its first
 * answer). Never another mutation: it might have been done already.
 */
export function isRetrySafe(method: DescMethod, message: Message): boolean {
  if (method.methodKind !== "unary") return false;
  // MethodOptions.IdempotencyLevel NO_SIDE_EFFECTS (1) or IDEMPOTENT (2), as numbers: importing
  // the enum would bring all of descriptor.proto into a browser bundle.
  if (Number(method.idempotency) === 1 || Number(method.idempotency) === 2) return true;
  if (/^(Get|List)[A-Z]/.test(method.name)) return true;
  return (idempotencyKeyOf(method.input, message) ?? "") !== "";
}

/**
 * Whether an error is transient: UNAVAILABLE or DEADLINE_EXCEEDED, or the `TypeError` with which
 * `fetch` reports a network failure ("Failed to fetch": the fetch transports pass it on as it is).
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  return error instanceof ConnectError && transientCodes.has(error.code);
}

/**
 * The wait before attempt `attempt + 1`: `initialDelayMs` doubled per attempt, capped at
 * `maxDelayMs`, then between half and all of it at random ("equal jitter"), so that callers
 * failing together do not come back together.
 */
export function backoffDelayMs(attempt: number, initialDelayMs: number, maxDelayMs: number): number {
  const capped = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1));
  return Math.ceil(capped / 2 + (Math.random() * capped) / 2);
}

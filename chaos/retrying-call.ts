import { setTimeout as sleep } from "node:timers/promises";
import { Code, ConnectError } from "@connectrpc/connect";

/**
 * Answers a client retries with the same idempotency key on another replica: the replica is down
 * or frozen (UNAVAILABLE, DEADLINE_EXCEEDED on the client's timeout), or answered something it
 * should not have under a fault (INTERNAL, UNKNOWN; recorded as unexpected by {@link CallLog}).
 */
/**
 * The name an attempt gets when the connection broke under it (a killed replica), which is not an
 * answer of the server (see `brokenConnection`).
 */
export const connectionLost = "ConnectionLost";

const retried = new Set<Code>([
  Code.Unavailable,
  Code.DeadlineExceeded,
  Code.Canceled,
  Code.ResourceExhausted,
  Code.Internal,
  Code.Unknown,
]);

/** Codes a fault may legitimately produce; anything else that is retried is unexpected. */
const expectedUnderFaults = new Set<string>(["Unavailable", "DeadlineExceeded", connectionLost]);

/**
 * True when the client's own socket failed under the call (ECONNRESET, EPIPE, "socket hang up":
 * a replica killed mid-request). connect-node reports those as ABORTED or INTERNAL with the
 * socket error as cause; the server's own ABORTED or INTERNAL come without one.
 */
function brokenConnection(error: ConnectError): boolean {
  if (error.code !== Code.Aborted && error.code !== Code.Internal && error.code !== Code.Unknown) return false;
  for (let cause: unknown = error.cause; cause instanceof Error; cause = cause.cause) {
    const errno = (cause as { code?: unknown }).code;
    if (typeof errno === "string" && /^E[A-Z]+$/.test(errno)) return true;
  }
  return false;
}

/** One attempt of a call, as the client saw it. */
export interface Attempt {
  readonly replica: number;
  /** Seconds since the run began, when the attempt started. */
  readonly atSeconds: number;
  /** `OK` or the Connect code's name. */
  readonly code: string;
  readonly ms: number;
  readonly message: string;
}

/** How a call with retries ended. */
export type CallResult<T> =
  | { readonly kind: "ok"; readonly value: T; readonly attempts: readonly Attempt[] }
  | { readonly kind: "refused"; readonly error: ConnectError; readonly attempts: readonly Attempt[] }
  | { readonly kind: "unanswered"; readonly attempts: readonly Attempt[] };

/** An answer that should not come out of a fault (INTERNAL, UNKNOWN, ...), with what it was for. */
export interface UnexpectedAnswer {
  readonly what: string;
  readonly attempt: Attempt;
}

/** Every answer the clients saw: counts by code, and the unexpected ones. */
export interface CallLog {
  record(what: string, attempt: Attempt): void;
  counts(): ReadonlyMap<string, number>;
  unexpected(): readonly UnexpectedAnswer[];
}

/** Creates an empty {@link CallLog}. */
export function createCallLog(): CallLog {
  const counts = new Map<string, number>();
  const unexpected: UnexpectedAnswer[] = [];
  return {
    record(what, attempt) {
      counts.set(attempt.code, (counts.get(attempt.code) ?? 0) + 1);
      const code = Code[attempt.code as keyof typeof Code] as Code | undefined;
      if (code !== undefined && retried.has(code) && !expectedUnderFaults.has(attempt.code))
        unexpected.push({ what, attempt });
    },
    counts: () => counts,
    unexpected: () => unexpected,
  };
}

/** What {@link callWithRetries} needs. */
export interface RetryPolicy {
  readonly replicas: number;
  /** Replica of the first attempt (1-based); later attempts go round the others. */
  readonly firstReplica: number;
  readonly timeoutMs: number;
  /** Total time to keep trying. */
  readonly giveUpMs: number;
  /** Seconds since the run began. */
  readonly clock: () => number;
  readonly log: CallLog;
  /** What the call is, for the log (e.g. `PlaceOrder key order-17`). */
  readonly what: string;
}

/**
 * Calls `call` on one replica after another until it answers OK or a definitive refusal, or until
 * `giveUpMs` has passed: each attempt with the client timeout (sent to the server as the Connect
 * timeout header), the same request (so the same idempotency key), and a short growing pause
 * between attempts.
 *
 * @example
 * const result = await callWithRetries(policy, (replica, timeoutMs) => client(replica).orders.placeOrder(request, { timeoutMs }));
 */
export async function callWithRetries<T>(
  policy: RetryPolicy,
  call: (replica: number, timeoutMs: number) => Promise<T>,
): Promise<CallResult<T>> {
  const attempts: Attempt[] = [];
  const deadline = performance.now() + policy.giveUpMs;
  for (let n = 0; ; n++) {
    const replica = ((policy.firstReplica - 1 + n) % policy.replicas) + 1;
    const atSeconds = policy.clock();
    const started = performance.now();
    const timeoutMs = Math.max(1, Math.floor(Math.min(policy.timeoutMs, deadline - started)));
    try {
      const value = await call(replica, timeoutMs);
      const attempt = { replica, atSeconds, code: "OK", ms: Math.round(performance.now() - started), message: "" };
      attempts.push(attempt);
      policy.log.record(policy.what, attempt);
      return { kind: "ok", value, attempts };
    } catch (thrown) {
      const error = ConnectError.from(thrown);
      const lost = brokenConnection(error);
      const attempt = {
        replica,
        atSeconds,
        code: lost ? connectionLost : (Code[error.code] ?? String(error.code)),
        ms: Math.round(performance.now() - started),
        message: error.rawMessage,
      };
      attempts.push(attempt);
      policy.log.record(policy.what, attempt);
      if (!lost && !retried.has(error.code)) return { kind: "refused", error, attempts };
    }
    const pause = Math.min(1_000, 100 * 2 ** Math.min(n, 4)) * (0.5 + Math.random());
    if (performance.now() + pause >= deadline) return { kind: "unanswered", attempts };
    await sleep(pause);
  }
}

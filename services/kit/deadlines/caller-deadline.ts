import { Code, ConnectError, type HandlerContext } from "@connectrpc/connect";

/** Options for a call made on a caller's behalf: the time the caller has left and its signal. */
export interface DeadlineCallOptions {
  readonly timeoutMs?: number;
  readonly signal: AbortSignal;
}

/**
 * How long the caller of an RPC still waits. Times are real time (the caller's timeout runs on
 * real time, whatever clock a service's domain uses), read fresh at each question: a process that
 * was frozen (a long GC pause, SIGSTOP) finds its deadline passed as soon as it wakes, although
 * no timer fired while it slept.
 */
export interface Deadline {
  /** When the caller stops waiting; `undefined` when it set no timeout and there is no maximum. */
  readonly at: Date | undefined;
  /** Milliseconds left (0 or less once passed); `Infinity` without a deadline. */
  remainingMs(): number;
  /**
   * Throws DEADLINE_EXCEEDED when the deadline has passed, CANCELED when the caller went away,
   * and does nothing otherwise. Call it right before each step that commits something, with the
   * step in words ("holding the stock"), so that work whose caller is gone stops there.
   */
  check(step: string): void;
  /** Options for a call made for this caller (Connect's `timeoutMs` and `signal`), forwarding the deadline. */
  callOptions(): DeadlineCallOptions;
}

/**
 * The deadline of the RPC being handled: the caller's timeout (Connect's `connect-timeout-ms`,
 * `grpc-timeout`) from when the handler started, capped by `maxMs` (a server-side maximum, so
 * that work without a caller's timeout still ends), and the request's abort signal.
 *
 * @example
 * const deadline = callerDeadline(context, { maxMs: 30_000 });
 * deadline.check("holding the stock");
 * await inventory.reserveStock(request, deadline.callOptions());
 */
export function callerDeadline(
  context: Pick<HandlerContext, "timeoutMs" | "signal">,
  options: { readonly maxMs?: number } = {},
): Deadline {
  const limits = [context.timeoutMs(), options.maxMs].filter((ms): ms is number => ms !== undefined);
  const at = limits.length > 0 ? new Date(Date.now() + Math.min(...limits)) : undefined;
  return deadlineOf(at, context.signal);
}

/** A {@link Deadline} at a given real time (or none), aborted early by `signal`. */
export function deadlineOf(at: Date | undefined, signal: AbortSignal = new AbortController().signal): Deadline {
  const remainingMs = () => (at === undefined ? Number.POSITIVE_INFINITY : at.getTime() - Date.now());
  return {
    at,
    remainingMs,
    check(step) {
      // A caller whose timeout has passed has also gone away: its deadline is the reason.
      if (remainingMs() <= 0) throw deadlinePassed(step);
      if (signal.aborted) {
        const reason: unknown = signal.reason;
        if (reason instanceof ConnectError && reason.code === Code.DeadlineExceeded) throw deadlinePassed(step);
        throw new ConnectError(`the caller went away before ${step} - nothing more was done`, Code.Canceled);
      }
    },
    callOptions() {
      const left = remainingMs();
      return Number.isFinite(left) ? { timeoutMs: Math.max(1, Math.ceil(left)), signal } : { signal };
    },
  };
}

/** DEADLINE_EXCEEDED for work stopped before `step`. */
function deadlinePassed(step: string): ConnectError {
  return new ConnectError(
    `the deadline of the request passed before ${step} - nothing more was done`,
    Code.DeadlineExceeded,
  );
}

import { afterFailure, type RetryPolicy } from "./retry-schedule.js";

/** What a sender knows of a due notification when it claims it. */
export interface DueAttempts {
  /** Attempts counted so far (each is counted when it begins). */
  readonly attempts: number;
  /** Whether the last attempt began but never recorded its outcome (its lease ran out). */
  readonly interrupted: boolean;
}

/**
 * What a claim does: make attempt number `attempt`, holding the notification until `leaseUntil`
 * (when it is due again if this attempt never records its outcome); or give the notification up
 * (DEAD), because the attempt that was interrupted was its last.
 */
export type ClaimDecision =
  | {
      readonly kind: "attempt";
      readonly attempt: number;
      readonly leaseUntil: Date;
      /** The error the interrupted previous attempt leaves behind; undefined when there was none. */
      readonly interruptedError: string | undefined;
    }
  | { readonly kind: "give-up"; readonly interruptedError: string };

/** The error of an attempt that began but never recorded its outcome. */
export function interruptedAttemptError(attempt: number): string {
  return `attempt ${attempt} was interrupted before its outcome was recorded`;
}

/**
 * Decides the claim of a due notification. The attempt is counted as it begins, so one that is
 * interrupted (a crash, a freeze, a lost database) still counts; the next claim reports it as
 * failed and retries, or gives the notification up when it was the last of `policy.maxAttempts`.
 * The lease lasts `leaseMs` (longer than any send may take), or the retry delay that would follow
 * a failure of this attempt when that is longer: an interrupted attempt is retried on the same
 * backoff schedule as a failed one, never sooner than its lease allows.
 *
 * @example
 * claimDecision({ attempts: 0, interrupted: false }, policy, { now, leaseMs: 60_000 })
 * // => { kind: "attempt", attempt: 1, leaseUntil: now + 60 s, interruptedError: undefined }
 * claimDecision({ attempts: 3, interrupted: true }, { ...policy, maxAttempts: 3 }, { now, leaseMs: 60_000 })
 * // => { kind: "give-up", interruptedError: "attempt 3 was interrupted before its outcome was recorded" }
 */
export function claimDecision(
  due: DueAttempts,
  policy: RetryPolicy,
  options: { readonly now: Date; readonly leaseMs: number; readonly random?: () => number },
): ClaimDecision {
  const interruptedError = due.interrupted ? interruptedAttemptError(due.attempts) : undefined;
  if (interruptedError !== undefined && due.attempts >= policy.maxAttempts)
    return { kind: "give-up", interruptedError };
  const attempt = due.attempts + 1;
  const next = afterFailure(attempt, policy, options.random ? { random: options.random } : {});
  const holdMs = next.status === "retrying" ? Math.max(options.leaseMs, next.delayMs) : options.leaseMs;
  return { kind: "attempt", attempt, leaseUntil: new Date(options.now.getTime() + holdMs), interruptedError };
}

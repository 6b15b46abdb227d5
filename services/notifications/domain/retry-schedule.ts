/** How failed notifications are retried. */
export interface RetryPolicy {
  /** Delay before the second attempt; each later one doubles it. */
  readonly baseMs: number;
  /** Longest delay between two attempts. */
  readonly maxMs: number;
  /** Attempts in all; the last failure makes the notification DEAD. */
  readonly maxAttempts: number;
}

/** What follows a failed attempt. */
export type AfterFailure = { readonly status: "retrying"; readonly delayMs: number } | { readonly status: "dead" };

/** The longest pause between two attempts, whatever the base. */
export const maxRetryDelayMs = 3_600_000;

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of
 * `baseMs * 2^(n-1)` (capped at `maxMs`). The fixed half keeps the schedule growing; the random
 * half spreads the retries of many notifications that failed together (an endpoint that was down).
 *
 * @example
 * backoffMs(1, 1000, 60_000, () => 0) // => 500
 * backoffMs(3, 1000, 60_000, () => 1) // => 4000
 */
export function backoffMs(retry: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * What follows the failure of attempt number `attempts` (counting from 1): another attempt after
 * {@link backoffMs}, or DEAD once `maxAttempts` attempts have failed. A permanent failure (an
 * address the mail server refuses for good) is DEAD at once.
 *
 * @example
 * afterFailure(1, { baseMs: 1000, maxMs: 60_000, maxAttempts: 3 }) // => { status: "retrying", delayMs: 500..1000 }
 * afterFailure(3, { baseMs: 1000, maxMs: 60_000, maxAttempts: 3 }) // => { status: "dead" }
 */
export function afterFailure(
  attempts: number,
  policy: RetryPolicy,
  options: { readonly permanent?: boolean; readonly random?: () => number } = {},
): AfterFailure {
  if (options.permanent || attempts >= policy.maxAttempts) return { status: "dead" };
  return { status: "retrying", delayMs: backoffMs(attempts, policy.baseMs, policy.maxMs, options.random) };
}

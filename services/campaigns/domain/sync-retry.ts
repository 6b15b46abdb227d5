/**
 * How many times a sync that fails for good on Waybill's side is tried (the first try included)
 * before the reconciler gives up and leaves the campaign FAILED for an operator: the removal of
 * an undone create's platform copy, or the recording of a change (an update, an archive, a
 * removal) the platform has taken.
 */
export const maxSyncAttempts = 8;

/** The pause after the first failed try; it doubles after each further one. */
const firstPauseMs = 60_000;

/**
 * When a sync that failed for good may be tried again after `attempts` failed tries made by
 * `now`: one minute after the first, doubling each time (about four hours in all), and `null`
 * once {@link maxSyncAttempts} have failed, so a sync that keeps failing stops being tried instead
 * of failing every reconcile.
 *
 * @example
 * nextSyncRetryAt(new Date("2026-03-01T00:00:00Z"), 2); // 2026-03-01T00:02:00Z
 * nextSyncRetryAt(new Date("2026-03-01T00:00:00Z"), 8); // null
 */
export function nextSyncRetryAt(now: Date, attempts: number): Date | null {
  if (attempts >= maxSyncAttempts) return null;
  return new Date(now.getTime() + firstPauseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Whether the next try of a sync that failed for good is due at `now`: its time has come, and the
 * reconciler has not given up on it.
 *
 * @example
 * syncRetryDue(new Date("2026-03-01T00:01:00Z"), new Date("2026-03-01T00:02:00Z")); // true
 * syncRetryDue(null, new Date("2026-03-01T00:02:00Z")); // false
 */
export function syncRetryDue(retryAt: Date | null, now: Date): boolean {
  return retryAt !== null && retryAt.getTime() <= now.getTime();
}

/**
 * True while a campaign whose sync failed for good (`attempts` counted) waits for its next try or
 * has been given up: the reconciler leaves it alone. A campaign with no such failure never waits.
 *
 * @example
 * retryWaits(0, null, new Date("2026-03-01T00:00:00Z")); // false
 * retryWaits(2, new Date("2026-03-01T00:02:00Z"), new Date("2026-03-01T00:01:00Z")); // true
 * retryWaits(8, null, new Date("2026-03-01T00:01:00Z")); // true: given up
 */
export function retryWaits(attempts: number, retryAt: Date | null, now: Date): boolean {
  return attempts > 0 && !syncRetryDue(retryAt, now);
}

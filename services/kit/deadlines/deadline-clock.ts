/**
 * The latest deadline that has passed at least `graceMs` ago, on the real-time clock deadlines
 * are measured on (see {@link callerDeadline}); never a service's injected clock, which a test may
 * hold in the past. A sweeper of abandoned work compares stored deadlines with it; the grace
 * covers the clock skew between the replica that set a deadline and the one that sweeps.
 *
 * @example
 * const due = await db.selectFrom("placements").where("deadline", "<", deadlineCutoff(2_000))...
 */
export function deadlineCutoff(graceMs: number): Date {
  return new Date(Date.now() - graceMs);
}

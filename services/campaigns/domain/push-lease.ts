/**
 * Whether a claim on a campaign (a push, a create or a reconcile in flight) still holds at `now`:
 * until its lease ends, nobody else calls the platform for that campaign.
 *
 * @example
 * leaseHolds(new Date("2026-03-01T00:00:30Z"), new Date("2026-03-01T00:00:10Z")); // true
 */
export function leaseHolds(until: Date | null, now: Date): boolean {
  return until !== null && until.getTime() > now.getTime();
}

/** When a lease of `leaseMs` taken at `now` ends. */
export function leaseEnd(now: Date, leaseMs: number): Date {
  return new Date(now.getTime() + leaseMs);
}

/**
 * How long one platform call made under a lease of `leaseMs` may run, retries included: three
 * quarters of the lease, so the outcome is recorded while the lease still holds.
 *
 * @example
 * callBudgetMs(30_000); // 22_500
 */
export function callBudgetMs(leaseMs: number): number {
  return Math.floor((leaseMs * 3) / 4);
}

/**
 * True for a campaign whose create has not been confirmed by its platform yet (its platform id is
 * still unknown): it is invisible to readers until the platform answers.
 */
export function awaitsCreate(platformCampaignId: string): boolean {
  return platformCampaignId === "";
}

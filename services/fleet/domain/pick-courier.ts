/** A courier of the zone that may take an order, with what the choice depends on. */
export interface Candidate {
  readonly courierId: string;
  readonly active: number;
  readonly capacity: number;
  /** Since when it has had no active order; null while it has one. */
  readonly idleSince: Date | null;
  /** When it was last given an order; null if never. */
  readonly lastAssignedAt: Date | null;
}

/**
 * The courier an order goes to: among candidates with free capacity, the one with the fewest
 * active orders; ties go to the one idle longest, and between couriers that are both busy, to the
 * one whose last order is oldest (so equal couriers take turns); the id settles the rest, so the
 * choice never depends on row order.
 *
 * @example
 * pickCourier([{ courierId: "a", active: 1, ... }, { courierId: "b", active: 0, ... }])?.courierId; // "b"
 */
export function pickCourier<C extends Candidate>(candidates: readonly C[]): C | undefined {
  let best: C | undefined;
  for (const candidate of candidates) {
    if (candidate.active >= candidate.capacity) continue;
    if (!best || compareCandidates(candidate, best) < 0) best = candidate;
  }
  return best;
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    a.active - b.active ||
    compareTimes(a.idleSince, b.idleSince, "last") ||
    compareTimes(a.lastAssignedAt, b.lastAssignedAt, "first") ||
    (a.courierId < b.courierId ? -1 : a.courierId > b.courierId ? 1 : 0)
  );
}

/** Earlier first; `nulls` says where a missing time goes. */
function compareTimes(a: Date | null, b: Date | null, nulls: "first" | "last"): number {
  if (a === null || b === null) {
    if (a === b) return 0;
    return (a === null) === (nulls === "first") ? -1 : 1;
  }
  return a.getTime() - b.getTime();
}

import type { ActivityNote } from "./activity-note.js";

/** Which feed a reader follows: every filter set must match (none set: the whole platform's feed). */
export interface ActivityScope {
  readonly brandId?: string;
  readonly customerId?: string;
  readonly orderId?: string;
}

/**
 * True when an entry belongs to the feed of `scope`.
 *
 * @example
 * inActivityScope({ brandId: "acme" }, { brandId: "acme", customerId: "c1", orderId: "" }) // => true
 */
export function inActivityScope(scope: ActivityScope, entry: Omit<ActivityNote, "sequence">): boolean {
  return (
    (!scope.brandId || entry.brandId === scope.brandId) &&
    (!scope.customerId || entry.customerId === scope.customerId) &&
    (!scope.orderId || entry.orderId === scope.orderId)
  );
}

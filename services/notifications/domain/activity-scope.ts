/** Which feed a reader follows: every filter set must match (none set: the whole platform's feed). */
export interface ActivityScope {
  readonly brandId?: string;
  readonly customerId?: string;
  readonly orderId?: string;
}

/** What a committed activity entry announces to the watchers of every replica (a NOTIFY payload). */
export interface ActivityNote {
  readonly sequence: number;
  readonly brandId: string;
  readonly customerId: string;
  readonly orderId: string;
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

/** The NOTIFY payload of an entry (well under PostgreSQL's 8000-byte limit). */
export function encodeActivityNote(note: ActivityNote): string {
  return JSON.stringify({ s: note.sequence, b: note.brandId, c: note.customerId, o: note.orderId });
}

/** Reads a payload of {@link encodeActivityNote}; `undefined` for anything else. */
export function decodeActivityNote(payload: string | undefined): ActivityNote | undefined {
  if (!payload) return undefined;
  try {
    const { s, b, c, o } = JSON.parse(payload) as Record<string, unknown>;
    if (typeof s !== "number" || typeof b !== "string" || typeof c !== "string" || typeof o !== "string")
      return undefined;
    return { sequence: s, brandId: b, customerId: c, orderId: o };
  } catch {
    return undefined;
  }
}

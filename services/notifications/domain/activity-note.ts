/** The NOTIFY channel on which every committed activity entry is announced to the watchers of every replica. */
export const activityChannel = "notifications_activity";

/** What a committed activity entry announces to the watchers of every replica (a NOTIFY payload). */
export interface ActivityNote {
  readonly sequence: number;
  readonly brandId: string;
  readonly customerId: string;
  readonly orderId: string;
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

import type { ActivityEntry } from "@waybill/sdk/notifications";

/** The most entries that arrived live kept on screen (the simulator adds several a second). */
export const liveLimit = 500;

/**
 * One feed from the live entries and the pages read with ListActivity: each entry once (by its
 * sequence, which is unique across the platform), newest first.
 */
export function mergeFeed(
  live: readonly ActivityEntry[],
  pages: readonly (readonly ActivityEntry[])[],
): ActivityEntry[] {
  const bySequence = new Map<bigint, ActivityEntry>();
  for (const entry of [...live, ...pages.flat()]) bySequence.set(entry.sequence, entry);
  return [...bySequence.values()].sort((a, b) => (a.sequence === b.sequence ? 0 : a.sequence > b.sequence ? -1 : 1));
}

/** The live entries with one more, the newest `liveLimit` kept. */
export function withLiveEntry(live: readonly ActivityEntry[], entry: ActivityEntry): readonly ActivityEntry[] {
  const next = [...live, entry];
  return next.length > liveLimit ? next.slice(next.length - liveLimit) : next;
}

/**
 * Where the live stream starts so that nothing between the first page and it is missed: after
 * the sequence just below the newest entry read (the stream sends that entry again, which says it
 * is open, and everything newer), or with the latest entry when the feed is empty.
 */
export function streamStart(newest: ActivityEntry | undefined): bigint {
  return newest && newest.sequence > 0n ? newest.sequence - 1n : 0n;
}

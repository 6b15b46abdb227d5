import type { ActivityEntry } from "@waybill/sdk/notifications";
import type { StreamStart } from "../../rpc/use-activity-stream.js";

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

/** The most entries WatchActivity sends first (its `backlog` field's bound). */
export const maxBacklog = 100;

/**
 * Where the live stream starts so that nothing between the first page (`pageSize` entries at most)
 * and it is missed: after the sequence just below the newest entry read (the stream sends that
 * entry again, which says it is open, and everything newer). When the feed was empty, with the
 * latest page of entries (the contract's bound at most): whatever was recorded between the read
 * and the stream, not only its newest entry.
 */
export function streamStart(newest: ActivityEntry | undefined, pageSize: number): StreamStart {
  if (newest && newest.sequence > 0n) return { afterSequence: newest.sequence - 1n, backlog: 0 };
  return { afterSequence: 0n, backlog: Math.max(1, Math.min(pageSize, maxBacklog)) };
}

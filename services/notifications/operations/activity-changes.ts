import { createWakeSignal } from "../../kit/events/index.js";
import type { LiveChanges } from "../../kit/streaming/index.js";
import { type ActivityNote, type ActivityScope, inActivityScope } from "../domain/index.js";
import { type ActivityRow, activityAfter, latestActivitySequence } from "../storage/index.js";
import type { NotificationsContext } from "./notifications-context.js";

/** Entries read per query while catching up. */
const readBatch = 500;
/** A watcher re-reads this often even without an announcement (a safety net, as the relay's poll). */
const safetyPollMs = 10_000;

/**
 * Called for every activity entry committed by any replica, with its note; called without one
 * when entries may have been missed (the LISTEN connection was re-established).
 */
export type ActivityListener = (note: ActivityNote | undefined) => void;

/** The process's announcements of committed activity entries (see the events' activity feed). */
export interface ActivityAnnouncements {
  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: ActivityListener): () => void;
}

/** The live side of an activity watch: the entries of a feed after {@link after}, oldest first. */
export interface ActivityChanges extends LiveChanges<ActivityRow> {
  /** The sequence the changes start after. */
  readonly after: number;
}

/** Options of {@link followActivity}. */
export interface FollowActivityOptions {
  readonly scope: ActivityScope;
  /** The sequence to start after; `undefined` for the latest one committed when listening begins. */
  readonly after: number | undefined;
  /** Ends the changes (the client went away, or the server is shutting down). */
  readonly signal: AbortSignal;
}

/**
 * A watcher's live activity: listens to the announcements first, then reads the entries of its
 * feed after the last one it sent, from the table, whenever one of its feed is announced (or a
 * reconnect may have lost some, or every {@link safetyPollMs}). Sequences become visible in
 * order (see `recordActivity`), so "after the last one sent" never misses or repeats an entry,
 * whichever replica recorded it. One reader per watcher, at its own pace: a slow client delays its
 * own reads and holds no queue. Ends, quietly, when `signal` aborts.
 */
export async function followActivity(
  ctx: NotificationsContext,
  announcements: ActivityAnnouncements,
  options: FollowActivityOptions,
): Promise<ActivityChanges> {
  const { scope, signal } = options;
  const wake = createWakeSignal();
  const unsubscribe = announcements.subscribe((note) => {
    if (!note || inActivityScope(scope, note)) wake.wake();
  });
  const onAbort = () => wake.wake();
  signal.addEventListener("abort", onAbort, { once: true });
  const close = () => {
    signal.removeEventListener("abort", onAbort);
    unsubscribe();
  };
  let start: number;
  try {
    start = options.after ?? (await latestActivitySequence(ctx.db));
  } catch (error) {
    close();
    throw error;
  }
  return {
    after: start,
    close,
    async *[Symbol.asyncIterator]() {
      let after = start;
      while (!signal.aborted) {
        const rows = await activityAfter(ctx.db, scope, after, readBatch);
        for (const row of rows) {
          if (signal.aborted) return;
          yield row;
          after = row.sequence;
        }
        if (rows.length < readBatch) await wake.wait(safetyPollMs);
      }
    },
  };
}

import { watchWithSnapshot } from "../../kit/streaming/index.js";
import type { ActivityScope } from "../domain/index.js";
import { type ActivityRow, listActivity } from "../storage/index.js";
import { type ActivityAnnouncements, type ActivityChanges, followActivity } from "./activity-changes.js";
import type { NotificationsContext } from "./notifications-context.js";

/** What a WatchActivity follows. */
export interface WatchActivityInput {
  readonly scope: ActivityScope;
  /** Resume after this sequence (nothing missed in between); 0 starts at the latest entry. */
  readonly afterSequence: number;
  /** When starting at the latest entry: how many of the feed's latest entries to send first. */
  readonly backlog: number;
  /** Ends the watch (the client went away, or the server is shutting down). */
  readonly signal: AbortSignal;
}

/**
 * A feed's entries, oldest first: those after `afterSequence`, or (from 0) the `backlog` latest
 * ones, then every new one as it is committed, by any replica (see {@link followActivity}).
 * Listening begins before the backlog is read, so nothing committed meanwhile is missed; an entry
 * is never sent twice. Ends quietly when `signal` aborts.
 */
export function watchActivity(
  ctx: NotificationsContext,
  announcements: ActivityAnnouncements,
  input: WatchActivityInput,
): AsyncGenerator<ActivityRow> {
  let live: ActivityChanges | undefined;
  async function* backlog(): AsyncGenerator<ActivityRow> {
    if (!live) throw new Error("the activity backlog is read once listening has begun");
    if (input.afterSequence !== 0 || input.backlog <= 0) return;
    const latest = await listActivity(ctx.db, { ...input.scope, before: live.after + 1, limit: input.backlog });
    yield* latest.reverse();
  }
  return watchWithSnapshot({
    signal: input.signal,
    subscribe: async () => {
      live = await followActivity(ctx, announcements, {
        scope: input.scope,
        after: input.afterSequence === 0 ? undefined : input.afterSequence,
        signal: input.signal,
      });
      return live;
    },
    snapshot: backlog,
    // One feed, ordered by sequence: an entry is sent once, and never after a later one.
    versionOf: (row) => ["activity", row.sequence],
  });
}

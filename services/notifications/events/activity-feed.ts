import type { Logger } from "pino";
import type { Worker } from "../../kit/app/index.js";
import { createNotificationListener } from "../../kit/events/index.js";
import { activityChannel, decodeActivityNote } from "../domain/index.js";
import type { ActivityAnnouncements, ActivityListener } from "../operations/index.js";

/** The process's live signal of new activity entries, shared by its WatchActivity streams. */
export interface ActivityFeed extends Worker, ActivityAnnouncements {}

/**
 * One `LISTEN notifications_activity` connection per process (the kit's notification listener,
 * which reconnects by itself), fanned out in process. Every entry is announced by
 * `pg_notify` in the transaction that records it, so watchers hear of entries committed through
 * any replica as soon as they are visible; they read the entries themselves from the table.
 */
export function createActivityFeed(options: { readonly databaseUrl: string; readonly logger: Logger }): ActivityFeed {
  const listeners = new Set<ActivityListener>();
  const connection = createNotificationListener({
    databaseUrl: options.databaseUrl,
    channel: activityChannel,
    logger: options.logger.child({ component: "activity-feed" }),
    onNotify(payload) {
      const note = decodeActivityNote(payload);
      for (const listener of listeners) listener(note);
    },
  });
  return {
    start: () => connection.start(),
    stop: () => connection.stop(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

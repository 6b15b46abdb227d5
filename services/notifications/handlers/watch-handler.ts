import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  type NotificationService,
  WatchActivityResponseSchema,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { requirePrincipal } from "../../kit/auth/index.js";
import { createWakeSignal } from "../../kit/events/index.js";
import { inActivityScope } from "../domain/index.js";
import type { ActivityFeed } from "../events/activity-feed.js";
import { toActivityEntry } from "../operations/notification-messages.js";
import type { NotificationsContext } from "../operations/notifications-context.js";
import { activityAfter, latestActivitySequence, listActivity } from "../storage/index.js";
import { scopeActivity } from "./activity-scope.js";

/** Entries read per query while catching up. */
const readPage = 500;
/** A watcher re-reads this often even without a notification (a safety net, as the relay's poll). */
const safetyPollMs = 10_000;

/**
 * WatchActivity. The watcher listens to the process's activity feed first, then sends the
 * entries after the requested sequence (or the latest `backlog` ones), oldest first, and then,
 * whenever an entry of its feed is announced, reads and sends the entries after the last one it
 * sent. Sequences become visible in order (see {@link recordActivity}), so "after the last one
 * sent" never misses or repeats an entry, whichever replica recorded it. The watcher reads at its
 * own pace: a slow client delays its own reads, and holds no queue. Ends when the client goes
 * away or the server shuts down.
 */
export function createWatchHandler(
  ctx: NotificationsContext,
  feed: ActivityFeed,
  shutdownSignal: AbortSignal,
): Pick<ServiceImpl<typeof NotificationService>, "watchActivity"> {
  return {
    async *watchActivity(request, context) {
      const scope = scopeActivity(requirePrincipal(context), request);
      const signal = AbortSignal.any([context.signal, shutdownSignal]);
      const wake = createWakeSignal();
      const unsubscribe = feed.subscribe((note) => {
        if (!note || inActivityScope(scope, note)) wake.wake();
      });
      const onAbort = () => wake.wake();
      signal.addEventListener("abort", onAbort, { once: true });
      try {
        let after = Number(request.afterSequence);
        if (after === 0) {
          after = await latestActivitySequence(ctx.db);
          const backlog =
            request.backlog > 0
              ? await listActivity(ctx.db, { ...scope, before: after + 1, limit: request.backlog })
              : [];
          for (const row of backlog.reverse())
            yield create(WatchActivityResponseSchema, { entry: toActivityEntry(row) });
        }
        while (!signal.aborted) {
          const rows = await activityAfter(ctx.db, scope, after, readPage);
          for (const row of rows) {
            if (signal.aborted) return;
            yield create(WatchActivityResponseSchema, { entry: toActivityEntry(row) });
            after = row.sequence;
          }
          if (rows.length < readPage) await wake.wait(safetyPollMs);
        }
      } finally {
        signal.removeEventListener("abort", onAbort);
        unsubscribe();
      }
    },
  };
}

import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  type NotificationService,
  WatchActivityResponseSchema,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { requirePrincipal } from "../../kit/auth/index.js";
import { type ActivityAnnouncements, type NotificationsContext, watchActivity } from "../operations/index.js";
import { toActivityEntry } from "../wire/index.js";
import { scopeActivity } from "./activity-scope.js";

/**
 * WatchActivity: the entries of the caller's feed after the requested sequence (or the latest
 * `backlog` ones), oldest first, then every new one as it is committed (see
 * {@link watchActivity}). Ends when the client goes away or the server shuts down.
 */
export function createWatchHandler(
  ctx: NotificationsContext,
  announcements: ActivityAnnouncements,
  shutdownSignal: AbortSignal,
): Pick<ServiceImpl<typeof NotificationService>, "watchActivity"> {
  return {
    async *watchActivity(request, context) {
      const scope = scopeActivity(requirePrincipal(context), request);
      const entries = watchActivity(ctx, announcements, {
        scope,
        afterSequence: Number(request.afterSequence),
        backlog: request.backlog,
        signal: AbortSignal.any([context.signal, shutdownSignal]),
      });
      for await (const row of entries) yield create(WatchActivityResponseSchema, { entry: toActivityEntry(row) });
    },
  };
}

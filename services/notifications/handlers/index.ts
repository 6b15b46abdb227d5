import type { ServiceImpl } from "@connectrpc/connect";
import type { NotificationService } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import type { ActivityFeed } from "../events/activity-feed.js";
import type { NotificationsContext } from "../operations/notifications-context.js";
import { createActivityHandlers } from "./activity-handlers.js";
import { createContactHandlers } from "./contact-handlers.js";
import { createNotificationHandlers } from "./notification-handlers.js";
import { createWatchHandler } from "./watch-handler.js";
import { createWebhookHandlers } from "./webhook-handlers.js";

/** Every NotificationService RPC. Roles are checked by the auth interceptor, tenancy here. */
export function createNotificationsHandlers(deps: {
  readonly ctx: NotificationsContext;
  readonly feed: ActivityFeed;
  readonly shutdownSignal: AbortSignal;
}): Partial<ServiceImpl<typeof NotificationService>> {
  return {
    ...createNotificationHandlers(deps.ctx),
    ...createWebhookHandlers(deps.ctx),
    ...createContactHandlers(deps.ctx),
    ...createActivityHandlers(deps.ctx),
    ...createWatchHandler(deps.ctx, deps.feed, deps.shutdownSignal),
  };
}

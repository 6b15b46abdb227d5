import type { ServiceImpl } from "@connectrpc/connect";
import type { NotificationService } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import type { ActivityAnnouncements, NotificationsContext } from "../operations/index.js";
import { createActivityHandlers } from "./activity-handlers.js";
import { createContactHandlers } from "./contact-handlers.js";
import { createNotificationHandlers } from "./notification-handlers.js";
import { createWatchHandler } from "./watch-handler.js";
import { createWebhookHandlers } from "./webhook-handlers.js";

/** What the NotificationService RPCs are built from. */
export interface NotificationsHandlersDeps {
  readonly ctx: NotificationsContext;
  /** The process's announcements of new activity entries (WatchActivity). */
  readonly activity: ActivityAnnouncements;
  /** Aborted at shutdown: watches then end. */
  readonly shutdownSignal: AbortSignal;
}

/** Every NotificationService RPC. Roles are checked by the auth interceptor, tenancy here. */
export function createNotificationsHandlers(
  deps: NotificationsHandlersDeps,
): Partial<ServiceImpl<typeof NotificationService>> {
  return {
    ...createNotificationHandlers(deps.ctx),
    ...createWebhookHandlers(deps.ctx),
    ...createContactHandlers(deps.ctx),
    ...createActivityHandlers(deps.ctx),
    ...createWatchHandler(deps.ctx, deps.activity, deps.shutdownSignal),
  };
}

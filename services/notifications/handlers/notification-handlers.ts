import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  GetNotificationResponseSchema,
  ListNotificationsResponseSchema,
  type NotificationService,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { assertBrandAccess, requirePrincipal, scopeBrand } from "../../kit/auth/index.js";
import { notFound } from "../../kit/errors/index.js";
import { decodeCursor, encodeCursor, pageSize } from "../../kit/pagination/index.js";
import { optionalDate, storedName } from "../../kit/wire/index.js";
import { channels, statuses, templates, toNotification } from "../operations/notification-messages.js";
import type { NotificationsContext } from "../operations/notifications-context.js";
import { findNotification, listNotifications } from "../storage/index.js";

/** ListNotifications and GetNotification. */
export function createNotificationHandlers(
  ctx: NotificationsContext,
): Pick<ServiceImpl<typeof NotificationService>, "listNotifications" | "getNotification"> {
  return {
    async listNotifications(request, context) {
      const brandId = scopeBrand(requirePrincipal(context), request.brandId);
      const limit = pageSize(request.page?.pageSize);
      const filters = {
        brandId,
        customerId: request.customerId || undefined,
        channel: storedName(channels, request.channel),
        recipient: request.recipient || undefined,
        template: storedName(templates, request.template),
        statuses: request.statuses.map((status) => storedName(statuses, status)!),
        webhookId: request.webhookId || undefined,
        createdAfter: optionalDate(request.createdAfter),
        createdBefore: optionalDate(request.createdBefore),
      };
      const scope = JSON.stringify(filters);
      const after = decodeCursor(request.page?.pageToken ?? "", ["created", "id"], scope);
      const rows = await listNotifications(ctx.db, {
        ...filters,
        after: after && { createdAt: new Date(after.created), notificationId: after.id },
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextPageToken =
        rows.length > limit && last
          ? encodeCursor({ created: last.created_at.toISOString(), id: last.notification_id }, scope)
          : "";
      return create(ListNotificationsResponseSchema, {
        notifications: page.map(toNotification),
        page: { nextPageToken },
      });
    },

    async getNotification(request, context) {
      const row = await findNotification(ctx.db, request.notificationId);
      if (!row) throw notFound(`notification ${request.notificationId} does not exist`);
      assertBrandAccess(requirePrincipal(context), row.brand_id);
      return create(GetNotificationResponseSchema, { notification: toNotification(row) });
    },
  };
}

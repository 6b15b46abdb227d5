import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  GetNotificationResponseSchema,
  ListNotificationsResponseSchema,
  type NotificationService,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { requirePrincipal, scopeBrand } from "../../kit/auth/index.js";
import { optionalDate } from "../../kit/wire/index.js";
import {
  getNotification,
  listNotifications,
  type NotificationFilters,
  type NotificationsContext,
} from "../operations/index.js";
import { channelFromProto, statusFromProto, templateFromProto, toNotification } from "../wire/index.js";

/** ListNotifications and GetNotification. */
export function createNotificationHandlers(
  ctx: NotificationsContext,
): Pick<ServiceImpl<typeof NotificationService>, "listNotifications" | "getNotification"> {
  return {
    async listNotifications(request, context) {
      const filters: NotificationFilters = {
        brandId: scopeBrand(requirePrincipal(context), request.brandId),
        customerId: request.customerId || undefined,
        channel: channelFromProto(request.channel),
        recipient: request.recipient || undefined,
        template: templateFromProto(request.template),
        // The contract admits defined statuses only (never UNSPECIFIED), so every one has a name.
        statuses: request.statuses.flatMap((status) => statusFromProto(status) ?? []),
        webhookId: request.webhookId || undefined,
        createdAfter: optionalDate(request.createdAfter),
        createdBefore: optionalDate(request.createdBefore),
      };
      const page = await listNotifications(ctx, filters, request.page);
      return create(ListNotificationsResponseSchema, {
        notifications: page.rows.map(toNotification),
        page: { nextPageToken: page.nextPageToken },
      });
    },

    async getNotification(request, context) {
      const row = await getNotification(ctx, requirePrincipal(context), request.notificationId);
      return create(GetNotificationResponseSchema, { notification: toNotification(row) });
    },
  };
}

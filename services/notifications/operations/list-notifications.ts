import type { PageRequest } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import { cursorFields, type Page, readPage, sortCursor } from "../../kit/pagination/index.js";
import type { ChannelName, StatusName, TemplateName } from "../domain/index.js";
import { type NotificationRow, listNotifications as readNotifications } from "../storage/index.js";
import type { NotificationsContext } from "./notifications-context.js";

/** Filters of {@link listNotifications}; an unset one does not filter. */
export interface NotificationFilters {
  /** One brand's notifications; `undefined` for every brand and the platform's (operators only). */
  readonly brandId: string | undefined;
  readonly customerId: string | undefined;
  readonly channel: ChannelName | undefined;
  readonly recipient: string | undefined;
  readonly template: TemplateName | undefined;
  /** Any of these statuses; empty for every status. */
  readonly statuses: readonly StatusName[];
  readonly webhookId: string | undefined;
  readonly createdAfter: Date | undefined;
  readonly createdBefore: Date | undefined;
}

/**
 * One page of notifications, newest first (by creation time, then id). The page token is bound to
 * the filters: a token of another list is INVALID_ARGUMENT.
 */
export async function listNotifications(
  ctx: NotificationsContext,
  filters: NotificationFilters,
  page: PageRequest | undefined,
): Promise<Page<NotificationRow>> {
  const cursor = sortCursor({ created: cursorFields.time, id: cursorFields.uuid }, JSON.stringify(filters));
  const after = cursor.decode(page?.pageToken);
  return readPage(
    page,
    (limit) =>
      readNotifications(ctx.db, {
        ...filters,
        after: after && { createdAt: after.created, notificationId: after.id },
        limit,
      }),
    (last) => cursor.encode({ created: last.created_at, id: last.notification_id }),
  );
}

import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  ListActivityResponseSchema,
  type NotificationService,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { requirePrincipal } from "../../kit/auth/index.js";
import { decodeCursor, encodeCursor, pageSize } from "../../kit/pagination/index.js";
import { toActivityEntry } from "../operations/notification-messages.js";
import type { NotificationsContext } from "../operations/notifications-context.js";
import { listActivity } from "../storage/index.js";
import { scopeActivity } from "./activity-scope.js";

/** ListActivity: a feed newest first, paged by sequence. */
export function createActivityHandlers(
  ctx: NotificationsContext,
): Pick<ServiceImpl<typeof NotificationService>, "listActivity"> {
  return {
    async listActivity(request, context) {
      const scope = scopeActivity(requirePrincipal(context), request);
      const limit = pageSize(request.page?.pageSize);
      const cursorScope = JSON.stringify(scope);
      const cursor = decodeCursor(request.page?.pageToken ?? "", ["sequence"], cursorScope);
      const rows = await listActivity(ctx.db, {
        ...scope,
        ...(cursor ? { before: Number(cursor.sequence) } : {}),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextPageToken = rows.length > limit && last ? encodeCursor({ sequence: last.sequence }, cursorScope) : "";
      return create(ListActivityResponseSchema, { entries: page.map(toActivityEntry), page: { nextPageToken } });
    },
  };
}

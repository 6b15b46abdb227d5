import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  ListActivityResponseSchema,
  type NotificationService,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { requirePrincipal } from "../../kit/auth/index.js";
import { listActivity, type NotificationsContext } from "../operations/index.js";
import { toActivityEntry } from "../wire/index.js";
import { scopeActivity } from "./activity-scope.js";

/** ListActivity: a feed newest first, paged by sequence. */
export function createActivityHandlers(
  ctx: NotificationsContext,
): Pick<ServiceImpl<typeof NotificationService>, "listActivity"> {
  return {
    async listActivity(request, context) {
      const scope = scopeActivity(requirePrincipal(context), request);
      const page = await listActivity(ctx, scope, request.page);
      return create(ListActivityResponseSchema, {
        entries: page.rows.map(toActivityEntry),
        page: { nextPageToken: page.nextPageToken },
      });
    },
  };
}

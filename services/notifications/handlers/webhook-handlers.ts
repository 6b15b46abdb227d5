import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  ListWebhooksResponseSchema,
  type NotificationService,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { assertBrandAccess, requirePrincipal, scopeBrand } from "../../kit/auth/index.js";
import {
  deleteWebhook,
  listWebhooks,
  type NotificationsContext,
  redriveDeliveries,
  registerWebhook,
} from "../operations/index.js";
import { toWebhook } from "../wire/index.js";

/** RegisterWebhook, ListWebhooks, DeleteWebhook and RedriveWebhookDeliveries. */
export function createWebhookHandlers(
  ctx: NotificationsContext,
): Pick<
  ServiceImpl<typeof NotificationService>,
  "registerWebhook" | "listWebhooks" | "deleteWebhook" | "redriveWebhookDeliveries"
> {
  return {
    async registerWebhook(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      return registerWebhook(ctx, request);
    },

    async listWebhooks(request, context) {
      const brandId = scopeBrand(requirePrincipal(context), request.brandId);
      const page = await listWebhooks(ctx, brandId, request.page);
      return create(ListWebhooksResponseSchema, {
        webhooks: page.rows.map(toWebhook),
        page: { nextPageToken: page.nextPageToken },
      });
    },

    async deleteWebhook(request, context) {
      // Whose webhook it is needs its row: the operation checks.
      return deleteWebhook(ctx, requirePrincipal(context), request);
    },

    async redriveWebhookDeliveries(request, context) {
      const principal = requirePrincipal(context);
      assertBrandAccess(principal, request.brandId);
      return redriveDeliveries(ctx, principal, request);
    },
  };
}

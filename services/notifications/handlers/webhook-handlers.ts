import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  DeleteWebhookRequestSchema,
  DeleteWebhookResponseSchema,
  ListWebhooksResponseSchema,
  type NotificationService,
  RedriveWebhookDeliveriesRequestSchema,
  RedriveWebhookDeliveriesResponseSchema,
  RegisterWebhookRequestSchema,
  RegisterWebhookResponseSchema,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { assertBrandAccess, requirePrincipal, scopeBrand } from "../../kit/auth/index.js";
import { DomainError, notFound } from "../../kit/errors/index.js";
import { runIdempotent } from "../../kit/idempotency/index.js";
import { decodeCursor, encodeCursor, pageSize } from "../../kit/pagination/index.js";
import { deleteWebhook } from "../operations/delete-webhook.js";
import { toWebhook } from "../operations/notification-messages.js";
import type { NotificationsContext } from "../operations/notifications-context.js";
import { redriveDeliveries } from "../operations/redrive-deliveries.js";
import { registerWebhook } from "../operations/register-webhook.js";
import { findWebhook, listWebhooks } from "../storage/index.js";

/** Ids a redrive answer names at most. */
const answeredIds = 1000;

/** RegisterWebhook, ListWebhooks, DeleteWebhook and RedriveWebhookDeliveries. */
export function createWebhookHandlers(
  ctx: NotificationsContext,
): Pick<
  ServiceImpl<typeof NotificationService>,
  "registerWebhook" | "listWebhooks" | "deleteWebhook" | "redriveWebhookDeliveries"
> {
  const { db } = ctx;
  return {
    async registerWebhook(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      const scope = `RegisterWebhook/${request.brandId}`;
      return db.transaction().execute((trx) =>
        runIdempotent(
          trx,
          { scope, key: request.idempotencyKey, requestSchema: RegisterWebhookRequestSchema, request },
          RegisterWebhookResponseSchema,
          async () => {
            const { webhook, secret } = await registerWebhook(trx, ctx, {
              brandId: request.brandId,
              url: request.url,
              eventTypes: request.eventTypes,
              description: request.description,
            });
            return create(RegisterWebhookResponseSchema, { webhook: toWebhook(webhook), signingSecret: secret });
          },
        ),
      );
    },

    async listWebhooks(request, context) {
      const brandId = scopeBrand(requirePrincipal(context), request.brandId);
      const limit = pageSize(request.page?.pageSize);
      const scope = brandId ?? "";
      const after = decodeCursor(request.page?.pageToken ?? "", ["created", "id"], scope);
      const rows = await listWebhooks(db, {
        ...(brandId ? { brandId } : {}),
        ...(after ? { after: { createdAt: new Date(after.created), webhookId: after.id } } : {}),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextPageToken =
        rows.length > limit && last
          ? encodeCursor({ created: last.created_at.toISOString(), id: last.webhook_id }, scope)
          : "";
      return create(ListWebhooksResponseSchema, { webhooks: page.map(toWebhook), page: { nextPageToken } });
    },

    async deleteWebhook(request, context) {
      const principal = requirePrincipal(context);
      return db.transaction().execute(async (trx) => {
        const webhook = await findWebhook(trx, request.webhookId, { lock: true });
        if (!webhook) throw notFound(`webhook ${request.webhookId} does not exist`);
        assertBrandAccess(principal, webhook.brand_id);
        const scope = `DeleteWebhook/${request.webhookId}`;
        return runIdempotent(
          trx,
          { scope, key: request.idempotencyKey, requestSchema: DeleteWebhookRequestSchema, request },
          DeleteWebhookResponseSchema,
          async () => {
            if (webhook.deleted_at) throw notFound(`webhook ${request.webhookId} was deleted before`);
            return create(DeleteWebhookResponseSchema, { webhook: toWebhook(await deleteWebhook(trx, ctx, webhook)) });
          },
        );
      });
    },

    async redriveWebhookDeliveries(request, context) {
      const principal = requirePrincipal(context);
      assertBrandAccess(principal, request.brandId);
      if (request.webhookId) {
        const webhook = await findWebhook(db, request.webhookId);
        if (!webhook) throw notFound(`webhook ${request.webhookId} does not exist`);
        assertBrandAccess(principal, webhook.brand_id);
        if (webhook.brand_id !== request.brandId)
          throw new DomainError(
            "invalid_argument",
            `webhook ${request.webhookId} is not a webhook of brand ${request.brandId}`,
          );
      }
      const scope = `RedriveWebhookDeliveries/${request.brandId}`;
      return db.transaction().execute((trx) =>
        runIdempotent(
          trx,
          { scope, key: request.idempotencyKey, requestSchema: RedriveWebhookDeliveriesRequestSchema, request },
          RedriveWebhookDeliveriesResponseSchema,
          async () => {
            const query = {
              brandId: request.brandId,
              ...(request.webhookId ? { webhookId: request.webhookId } : {}),
              notificationIds: request.notificationIds,
            };
            const rows = await redriveDeliveries(trx, ctx, query, principal.subject);
            return create(RedriveWebhookDeliveriesResponseSchema, {
              redrivenCount: BigInt(rows.length),
              notificationIds: rows.slice(0, answeredIds).map((row) => row.notification_id),
            });
          },
        ),
      );
    },
  };
}

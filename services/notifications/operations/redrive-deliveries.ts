import { create } from "@bufbuild/protobuf";
import { NotificationRedrivenSchema } from "@waybill/contracts/waybill/notifications/v1/events_pb.js";
import {
  type RedriveWebhookDeliveriesRequest,
  RedriveWebhookDeliveriesRequestSchema,
  type RedriveWebhookDeliveriesResponse,
  RedriveWebhookDeliveriesResponseSchema,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import type { Principal } from "../../kit/auth/index.js";
import { mayActForBrand } from "../../kit/auth/tenancy.js";
import { DomainError, notFound } from "../../kit/errors/index.js";
import { idempotentTransaction } from "../../kit/idempotency/index.js";
import { findWebhook, redriveDeadDeliveries } from "../storage/index.js";
import { toNotification } from "../wire/index.js";
import { emitNotificationEvent } from "./notification-events.js";
import type { NotificationsContext } from "./notifications-context.js";

/** Ids a redrive answer names at most. */
const answeredIds = 1000;

/**
 * Refuses a redrive naming a webhook that does not exist or is not the caller's (NOT_FOUND alike,
 * so the answer never tells which ids exist), or, for an operator, is not of the named brand.
 */
async function assertWebhookOfBrand(
  ctx: NotificationsContext,
  principal: Principal,
  request: RedriveWebhookDeliveriesRequest,
): Promise<void> {
  const webhook = await findWebhook(ctx.db, request.webhookId);
  if (!webhook || !mayActForBrand(principal, webhook.brand_id))
    throw notFound(`webhook ${request.webhookId} does not exist`);
  if (webhook.brand_id !== request.brandId)
    throw new DomainError(
      "invalid_argument",
      `webhook ${request.webhookId} is not a webhook of brand ${request.brandId}`,
    );
}

/**
 * Puts a brand's DEAD webhook deliveries (all, one webhook's, or the named ones) back to PENDING
 * with their attempts reset, and publishes NotificationRedriven for each (with who did it). The
 * senders take them at once and retry them with the usual backoff. Deliveries of deleted webhooks
 * stay DEAD. The answer counts them and names the first thousand.
 */
export async function redriveDeliveries(
  ctx: NotificationsContext,
  principal: Principal,
  request: RedriveWebhookDeliveriesRequest,
): Promise<RedriveWebhookDeliveriesResponse> {
  if (request.webhookId) await assertWebhookOfBrand(ctx, principal, request);
  const scope = `RedriveWebhookDeliveries/${request.brandId}`;
  return idempotentTransaction(
    ctx.db,
    { scope, key: request.idempotencyKey, requestSchema: RedriveWebhookDeliveriesRequestSchema, request },
    RedriveWebhookDeliveriesResponseSchema,
    async (trx) => {
      const query = {
        brandId: request.brandId,
        ...(request.webhookId ? { webhookId: request.webhookId } : {}),
        notificationIds: request.notificationIds,
      };
      const rows = await redriveDeadDeliveries(trx, query, ctx.now());
      for (const row of rows)
        await emitNotificationEvent(trx, ctx, row, NotificationRedrivenSchema, {
          notification: toNotification(row),
          actor: principal.subject,
        });
      return create(RedriveWebhookDeliveriesResponseSchema, {
        redrivenCount: BigInt(rows.length),
        notificationIds: rows.slice(0, answeredIds).map((row) => row.notification_id),
      });
    },
  );
}

import { create } from "@bufbuild/protobuf";
import { WebhookDeletedSchema } from "@waybill/contracts/waybill/notifications/v1/events_pb.js";
import type { Kysely } from "kysely";
import {
  abandonWebhookDeliveries,
  markWebhookDeleted,
  type NotificationsDatabase,
  type WebhookRow,
} from "../storage/index.js";
import { toWebhook } from "./notification-messages.js";
import type { NotificationsContext } from "./notifications-context.js";

/**
 * Deletes a webhook in `trx`: it receives nothing more, its open deliveries are given up (DEAD,
 * "webhook deleted before delivery"), and WebhookDeleted is published. The row stays, so the
 * history of its deliveries keeps its name.
 */
export async function deleteWebhook(
  trx: Kysely<NotificationsDatabase>,
  ctx: NotificationsContext,
  webhook: WebhookRow,
): Promise<WebhookRow> {
  const now = ctx.now();
  const deleted = await markWebhookDeleted(trx, webhook.webhook_id, now);
  const abandoned = await abandonWebhookDeliveries(trx, webhook.webhook_id, now);
  if (abandoned > 0)
    ctx.logger.info({ webhookId: webhook.webhook_id, abandoned }, "open deliveries of a deleted webhook given up");
  await ctx.outbox.append(trx, {
    schema: WebhookDeletedSchema,
    payload: create(WebhookDeletedSchema, { webhook: toWebhook(deleted) }),
    aggregateId: webhook.webhook_id,
    tenant: webhook.brand_id,
  });
  return deleted;
}

import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { ConsumedEvent } from "../../kit/events/index.js";
import { currentTraceparent } from "../../kit/telemetry/linked-span.js";
import { webhookWants } from "../domain/index.js";
import {
  insertNotifications,
  liveWebhooksOf,
  type NotificationRow,
  type NotificationsDatabase,
} from "../storage/index.js";
import type { NotificationsContext } from "./notifications-context.js";
import { webhookBody } from "./webhook-body.js";

/**
 * Writes, in the consumer's transaction, one PENDING delivery of an event to each live webhook
 * of its brand that wants it (see {@link webhookWants}). The unique (event, channel, recipient)
 * skips any a redelivery already wrote. Returns the rows written.
 */
export async function planWebhookDeliveries(
  trx: Kysely<NotificationsDatabase>,
  ctx: NotificationsContext,
  event: ConsumedEvent,
): Promise<NotificationRow[]> {
  if (!event.tenant) return [];
  const webhooks = (await liveWebhooksOf(trx, event.tenant)).filter((webhook) =>
    webhookWants({ brandId: webhook.brand_id, eventTypes: webhook.event_types, createdAt: webhook.created_at }, event),
  );
  if (webhooks.length === 0) return [];
  const body = webhookBody(event, ctx.registry);
  const now = ctx.now();
  // The consumer's span of this event: each attempt of these deliveries continues its trace.
  const traceParent = currentTraceparent();
  return insertNotifications(
    trx,
    webhooks.map((webhook) => ({
      notification_id: randomUUID(),
      event_id: event.id,
      event_type: event.type,
      channel: "webhook",
      recipient: webhook.url,
      brand_id: webhook.brand_id,
      customer_id: "",
      webhook_id: webhook.webhook_id,
      template: "webhook_event",
      body,
      status: "pending",
      next_attempt_at: now,
      trace_parent: traceParent,
      created_at: now,
      updated_at: now,
    })),
  );
}

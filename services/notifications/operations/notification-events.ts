import { create, type DescMessage, type MessageInitShape } from "@bufbuild/protobuf";
import {
  NotificationDeadSchema,
  NotificationFailedSchema,
} from "@waybill/contracts/waybill/notifications/v1/events_pb.js";
import type { Kysely } from "kysely";
import type { NotificationRow, NotificationsDatabase } from "../storage/index.js";
import { toNotification } from "../wire/index.js";
import type { NotificationsContext } from "./notifications-context.js";

/** Writes an event about a notification (tenant: its brand) to the outbox in `trx`. */
export async function emitNotificationEvent<Desc extends DescMessage>(
  trx: Kysely<NotificationsDatabase>,
  ctx: NotificationsContext,
  row: NotificationRow,
  schema: Desc,
  payload: MessageInitShape<Desc>,
): Promise<void> {
  await ctx.outbox.append(trx, {
    schema,
    payload: create(schema, payload),
    aggregateId: row.notification_id,
    tenant: row.brand_id,
  });
}

/**
 * Publishes a failed attempt of `row` in `trx` (NotificationFailed), and, when it made the
 * notification DEAD, NotificationDead with a warning in the log.
 */
export async function announceFailure(
  trx: Kysely<NotificationsDatabase>,
  ctx: NotificationsContext,
  row: NotificationRow,
): Promise<void> {
  await emitNotificationEvent(trx, ctx, row, NotificationFailedSchema, { notification: toNotification(row) });
  if (row.status !== "dead") return;
  await emitNotificationEvent(trx, ctx, row, NotificationDeadSchema, { notification: toNotification(row) });
  ctx.logger.warn(
    {
      notificationId: row.notification_id,
      channel: row.channel,
      eventId: row.event_id,
      eventType: row.event_type,
      brandId: row.brand_id,
      ...(row.webhook_id ? { webhookId: row.webhook_id } : {}),
      attempts: row.attempts,
      error: row.last_error,
    },
    "notification given up (DEAD): no further attempt; RedriveWebhookDeliveries sends a webhook's again",
  );
}

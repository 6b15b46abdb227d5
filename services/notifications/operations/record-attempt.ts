import {
  NotificationDeadSchema,
  NotificationFailedSchema,
  NotificationSentSchema,
} from "@waybill/contracts/waybill/notifications/v1/events_pb.js";
import type { Kysely } from "kysely";
import type { DeliveryFailure } from "../channels/index.js";
import { afterFailure } from "../domain/index.js";
import { type NotificationRow, type NotificationsDatabase, updateNotification } from "../storage/index.js";
import { toNotification } from "../wire/index.js";
import { emitNotificationEvent } from "./notification-events.js";
import type { NotificationsContext } from "./notifications-context.js";

/**
 * Records one attempt of a claimed notification in `trx`: SENT (NotificationSent), or the failure
 * with its error and, by {@link afterFailure}, RETRYING at the next backoff time or DEAD
 * (NotificationFailed; NotificationDead once). Returns the notification after it.
 */
export async function recordAttempt(
  trx: Kysely<NotificationsDatabase>,
  ctx: NotificationsContext,
  row: NotificationRow,
  failure: DeliveryFailure | undefined,
): Promise<NotificationRow> {
  const now = ctx.now();
  const attempts = row.attempts + 1;
  if (!failure) {
    const sent = await updateNotification(trx, row.notification_id, {
      status: "sent",
      attempts,
      sent_at: now,
      next_attempt_at: null,
      updated_at: now,
    });
    await emitNotificationEvent(trx, ctx, sent, NotificationSentSchema, { notification: toNotification(sent) });
    return sent;
  }
  const next = afterFailure(attempts, ctx.settings.retry[row.channel], {
    permanent: failure.permanent,
    random: ctx.random,
  });
  const failed = await updateNotification(trx, row.notification_id, {
    status: next.status,
    attempts,
    last_error: failure.message.slice(0, 1000),
    next_attempt_at: next.status === "retrying" ? new Date(now.getTime() + next.delayMs) : null,
    updated_at: now,
  });
  await emitNotificationEvent(trx, ctx, failed, NotificationFailedSchema, { notification: toNotification(failed) });
  if (failed.status === "dead") {
    await emitNotificationEvent(trx, ctx, failed, NotificationDeadSchema, { notification: toNotification(failed) });
    ctx.logger.warn(
      { notificationId: failed.notification_id, channel: failed.channel, attempts, error: failed.last_error },
      "notification given up",
    );
  }
  return failed;
}

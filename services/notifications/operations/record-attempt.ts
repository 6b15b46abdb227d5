import { create } from "@bufbuild/protobuf";
import { NotificationSentSchema } from "@waybill/contracts/waybill/notifications/v1/events_pb.js";
import type { DeliveryFailure } from "../channels/index.js";
import { afterFailure } from "../domain/index.js";
import { type NotificationRow, recordSent, updateClaimedNotification } from "../storage/index.js";
import { toNotification } from "../wire/index.js";
import type { ClaimedAttempt } from "./claim-notification.js";
import { announceFailure } from "./notification-events.js";
import type { NotificationsContext } from "./notifications-context.js";

/**
 * Records the outcome of a claimed attempt (a success in one statement, a failure in one short
 * transaction), only while its lease is still the caller's: SENT (NotificationSent), or the failure with its error and, by
 * {@link afterFailure}, RETRYING at the next backoff time or DEAD (NotificationFailed;
 * NotificationDead once). The attempt was counted when it was claimed. Returns the notification
 * after it, or `undefined` when the lease was lost (it ran out and another sender claimed the
 * notification, or its webhook was deleted): then nothing is written.
 */
export async function recordAttempt(
  ctx: NotificationsContext,
  claimed: ClaimedAttempt,
  failure: DeliveryFailure | undefined,
): Promise<NotificationRow | undefined> {
  const { row, token } = claimed;
  if (!failure) {
    // One statement: the event is built from the row as the update will leave it.
    const now = ctx.now();
    const sent: NotificationRow = {
      ...row,
      status: "sent",
      sent_at: now,
      next_attempt_at: null,
      claim_token: null,
      updated_at: now,
    };
    const event = {
      schema: NotificationSentSchema,
      payload: create(NotificationSentSchema, { notification: toNotification(sent) }),
      aggregateId: row.notification_id,
      tenant: row.brand_id,
    };
    return recordSent(ctx.db, ctx.outbox, { notificationId: row.notification_id, token, now }, [event]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const next = afterFailure(row.attempts, ctx.settings.retry[row.channel], {
      permanent: failure.permanent,
      random: ctx.random,
    });
    const failed = await updateClaimedNotification(trx, row.notification_id, token, {
      status: next.status,
      last_error: failure.message.slice(0, 1000),
      next_attempt_at: next.status === "retrying" ? new Date(now.getTime() + next.delayMs) : null,
      claim_token: null,
      updated_at: now,
    });
    if (failed) await announceFailure(trx, ctx, failed);
    return failed;
  });
}

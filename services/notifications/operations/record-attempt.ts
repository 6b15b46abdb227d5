import { NotificationSentSchema } from "@waybill/contracts/waybill/notifications/v1/events_pb.js";
import type { DeliveryFailure } from "../channels/index.js";
import { afterFailure } from "../domain/index.js";
import { type NotificationRow, updateClaimedNotification } from "../storage/index.js";
import { toNotification } from "../wire/index.js";
import type { ClaimedAttempt } from "./claim-notification.js";
import { announceFailure, emitNotificationEvent } from "./notification-events.js";
import type { NotificationsContext } from "./notifications-context.js";

/**
 * Records the outcome of a claimed attempt in one short transaction, only while its lease is
 * still the caller's: SENT (NotificationSent), or the failure with its error and, by
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
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    if (!failure) {
      const sent = await updateClaimedNotification(trx, row.notification_id, token, {
        status: "sent",
        sent_at: now,
        next_attempt_at: null,
        claim_token: null,
        updated_at: now,
      });
      if (sent)
        await emitNotificationEvent(trx, ctx, sent, NotificationSentSchema, { notification: toNotification(sent) });
      return sent;
    }
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

import type { Kysely } from "kysely";
import { DeliveryFailure } from "../channels/index.js";
import type { ChannelName } from "../domain/index.js";
import { claimDueNotification, type NotificationRow, type NotificationsDatabase } from "../storage/index.js";
import type { NotificationsContext } from "./notifications-context.js";
import { recordAttempt } from "./record-attempt.js";

/** Makes one delivery attempt of a notification; throws {@link DeliveryFailure} when it failed. */
export type Deliver = (row: NotificationRow, trx: Kysely<NotificationsDatabase>) => Promise<void>;

/**
 * Claims the notification of `channel` due longest ago, attempts it and records the outcome — one
 * transaction, which holds the row's lock throughout, so no sender of any replica can take the
 * same notification meanwhile. Returns the notification after the attempt, or `undefined` when
 * nothing was due.
 *
 * A process that dies after the mail server or endpoint accepted but before the commit leaves the
 * notification due, and it is sent again: at least once, never twice concurrently (emails carry
 * the notification id as Message-ID, webhook receivers dedupe on `Waybill-Event-Id`).
 */
export async function deliverNext(
  ctx: NotificationsContext,
  channel: ChannelName,
  deliver: Deliver,
): Promise<NotificationRow | undefined> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await claimDueNotification(trx, channel, ctx.now());
    if (!row) return undefined;
    let failure: DeliveryFailure | undefined;
    try {
      await deliver(row, trx);
    } catch (error) {
      failure =
        error instanceof DeliveryFailure
          ? error
          : new DeliveryFailure(error instanceof Error ? error.message : String(error));
    }
    return recordAttempt(trx, ctx, row, failure);
  });
}

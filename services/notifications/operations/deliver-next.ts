import { setTimeout as sleep } from "node:timers/promises";
import type { Span } from "@opentelemetry/api";
import { isDatabaseUnavailable } from "../../kit/database/index.js";
import { failSpan, inStoredTrace } from "../../kit/telemetry/linked-span.js";
import { DeliveryFailure } from "../channels/index.js";
import type { ChannelName } from "../domain/index.js";
import type { NotificationRow } from "../storage/index.js";
import { type ClaimedAttempt, claimNotification } from "./claim-notification.js";
import type { NotificationsContext } from "./notifications-context.js";
import { recordAttempt } from "./record-attempt.js";

/**
 * Makes one delivery attempt of a claimed notification, with no transaction open; throws
 * {@link DeliveryFailure} when it failed. It must end well within the lease (`NOTIFY_LEASE_MS`):
 * every channel has its own timeout, shorter than the lease.
 */
export type Deliver = (row: NotificationRow) => Promise<void>;

/** Pauses before the retries of a record that lost the database (the outcome is known; keep it). */
const recordRetryDelaysMs = [100, 500, 2_000];

/**
 * Attempts the notification of `channel` due longest ago, in three steps so that no transaction
 * and no database connection is held while the mail server or the endpoint is talked to:
 *
 * 1. claim ({@link claimNotification}): one short transaction counts the attempt and leases the
 *    notification, so no sender of any replica takes it meanwhile;
 * 2. send (`deliver`), outside any transaction;
 * 3. record ({@link recordAttempt}): one short transaction writes the outcome, if the lease is
 *    still ours. A record that loses the database is tried again a few times.
 *
 * A process that stops (or stays cut off from the database) between the receiver accepting and
 * the record leaves the attempt unrecorded: when the lease runs out, the notification is due
 * again, with that attempt counted and reported as interrupted, and it is sent again. That is the
 * one way a notification reaches its receiver twice (at least once; never by two senders at
 * once); the email's Message-ID and the webhook's `Waybill-Event-Id` stay the same, so receivers
 * can drop the repeat.
 *
 * The send and the record run in one span (`send email`, `send webhook`) that continues the trace
 * of the event's processing that planned the notification, so each attempt, and the events it
 * publishes, belong to that event's (the order's) trace; a failed attempt marks it ERROR.
 *
 * Returns the notification after the attempt (as claimed, when the outcome could not be recorded),
 * or `undefined` when nothing was due.
 */
export async function deliverNext(
  ctx: NotificationsContext,
  channel: ChannelName,
  deliver: Deliver,
): Promise<NotificationRow | undefined> {
  const claim = await claimNotification(ctx, channel);
  if (claim.kind === "none") return undefined;
  if (claim.kind === "given-up") return claim.row;
  const { claimed } = claim;
  return inStoredTrace(
    `send ${channel}`,
    { traceparent: claimed.row.trace_parent, attributes: sendAttributes(claimed.row) },
    (span) => attempt(ctx, claimed, deliver, span),
  );
}

/** What a send span says about its notification. */
function sendAttributes(row: NotificationRow) {
  return {
    "waybill.notification.id": row.notification_id,
    "waybill.notification.channel": row.channel,
    "waybill.notification.attempt": row.attempts,
    "waybill.event.id": row.event_id,
    "waybill.event.type": row.event_type,
    ...(row.webhook_id ? { "waybill.webhook.id": row.webhook_id } : {}),
  };
}

/** Steps 2 and 3 of {@link deliverNext}: send, then record the outcome. */
async function attempt(
  ctx: NotificationsContext,
  claimed: ClaimedAttempt,
  deliver: Deliver,
  span: Span,
): Promise<NotificationRow> {
  const channel = claimed.row.channel;
  let failure: DeliveryFailure | undefined;
  try {
    await deliver(claimed.row);
  } catch (error) {
    failure =
      error instanceof DeliveryFailure
        ? error
        : new DeliveryFailure(error instanceof Error ? error.message : String(error));
    failSpan(span, failure);
  }
  const recorded = await recordOutcome(ctx, claimed, failure);
  if (recorded) return recorded;
  ctx.logger.warn(
    {
      notificationId: claimed.row.notification_id,
      channel,
      attempt: claimed.row.attempts,
      outcome: failure ? failure.message : "sent",
    },
    "the lease of this attempt was lost before its outcome was recorded (it ran out, or the webhook was deleted); outcome dropped",
  );
  return claimed.row;
}

/** {@link recordAttempt}, tried again after short pauses while the database is unavailable. */
async function recordOutcome(
  ctx: NotificationsContext,
  claimed: ClaimedAttempt,
  failure: DeliveryFailure | undefined,
): Promise<NotificationRow | undefined> {
  for (const delayMs of [...recordRetryDelaysMs, undefined]) {
    try {
      return await recordAttempt(ctx, claimed, failure);
    } catch (error) {
      if (delayMs === undefined || !isDatabaseUnavailable(error)) throw error;
      ctx.logger.warn(
        { err: error, notificationId: claimed.row.notification_id },
        "recording a delivery attempt lost the database; trying again",
      );
      await sleep(delayMs);
    }
  }
  return undefined;
}

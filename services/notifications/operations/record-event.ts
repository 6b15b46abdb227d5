import type { Kysely } from "kysely";
import type { ConsumedEvent } from "../../kit/events/index.js";
import { emailFor, summarizeEvent } from "../domain/index.js";
import type { NotificationsDatabase } from "../storage/index.js";
import { learnCustomer } from "./customer-directory.js";
import type { NotificationsContext } from "./notifications-context.js";
import { planEmails } from "./plan-emails.js";
import { planWebhookDeliveries } from "./plan-webhook-deliveries.js";
import type { PreparedEvent } from "./prepare-event.js";
import { recordEventActivity } from "./record-event-activity.js";

/**
 * True for the events Notifications does something with: a brand's events (its webhooks may want
 * them), and platform-wide ones that change a customer's address, call for an email or show in the
 * feed. The rest (courier states) are acknowledged without a transaction.
 */
export function wantsEvent(event: ConsumedEvent): boolean {
  if (event.tenant) return true;
  // A CustomerUpdated carrying its customer (an address to keep) is also a feed line: summarizeEvent covers it.
  return emailFor(event.payload, event.tenant) !== undefined || summarizeEvent(event.payload) !== undefined;
}

/**
 * Everything one event causes, in the consumer's transaction (with the inbox row, so all or
 * nothing, once): the customer's address is kept, the emails and webhook deliveries it calls for
 * are written PENDING for the senders, and the activity entry is recorded — last, because the
 * feed's order lock is held from there to the commit. Nothing here waits on another service:
 * whatever must be asked was asked before the transaction opened (`prepared`, see {@link prepareEvent}).
 */
export async function recordEvent(
  trx: Kysely<NotificationsDatabase>,
  ctx: NotificationsContext,
  event: ConsumedEvent,
  prepared: PreparedEvent,
): Promise<void> {
  await learnCustomer(trx, event);
  await planEmails(trx, ctx, event, prepared);
  await planWebhookDeliveries(trx, ctx, event);
  await recordEventActivity(trx, ctx, event);
}

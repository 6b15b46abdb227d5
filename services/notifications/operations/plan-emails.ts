import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { ConsumedEvent } from "../../kit/events/index.js";
import { currentTraceparent } from "../../kit/telemetry/linked-span.js";
import { type EmailIntent, emailFor, emailRecipients, type RecipientFacts, tooOldToEmail } from "../domain/index.js";
import {
  findBrandContact,
  insertNotifications,
  type NewNotification,
  type NotificationRow,
  type NotificationsDatabase,
} from "../storage/index.js";
import { customerOf } from "./customer-directory.js";
import type { NotificationsContext } from "./notifications-context.js";
import type { PreparedEvent } from "./prepare-event.js";

/** Looks up the addresses and the name an email needs (in the transaction: nobody is asked). */
async function factsOf(
  trx: Kysely<NotificationsDatabase>,
  ctx: NotificationsContext,
  intent: EmailIntent,
  prepared: PreparedEvent,
): Promise<RecipientFacts & { readonly customerName?: string }> {
  if (intent.audience.to === "brand") {
    const contact = await findBrandContact(trx, intent.audience.brandId);
    return {
      ...(contact ? { brandContact: contact.email } : {}),
      ...(ctx.settings.adminEmail ? { adminEmail: ctx.settings.adminEmail } : {}),
    };
  }
  const customer = await customerOf(trx, intent.audience.customerId, prepared.customer);
  if (!customer) return {};
  return { customerEmail: customer.email, customerName: customer.name };
}

/**
 * Writes, in the consumer's transaction, the emails an event calls for (see {@link emailFor}):
 * rendered now from the templates and stored PENDING for the sender, one per recipient. The
 * unique (event, channel, recipient) skips any that a redelivery already wrote. Events older than
 * `EMAIL_MAX_EVENT_AGE_MS` (a replayed stream) are not emailed. A customer's address comes from
 * Notifications' table or from `prepared` (see {@link prepareEvent}): nobody is asked here.
 * Returns the rows written.
 */
export async function planEmails(
  trx: Kysely<NotificationsDatabase>,
  ctx: NotificationsContext,
  event: ConsumedEvent,
  prepared: PreparedEvent,
): Promise<NotificationRow[]> {
  const intent = emailFor(event.payload, event.tenant);
  if (!intent) return [];
  const now = ctx.now();
  if (tooOldToEmail(event.time, now, ctx.settings.emailMaxEventAgeMs)) {
    ctx.logger.info({ eventId: event.id, eventType: event.type }, "event too old to email; only recorded");
    return [];
  }
  const facts = await factsOf(trx, ctx, intent, prepared);
  const recipients = emailRecipients(intent.audience, facts);
  if (recipients.length === 0) {
    // A brand without a contact on a platform without ADMIN_EMAIL, or a customer Orders does not know.
    ctx.logger.info({ eventId: event.id, template: intent.template, audience: intent.audience }, "nobody to email");
    return [];
  }
  const email = ctx.templates.render(intent.template, { customerName: facts.customerName ?? "", ...intent.view });
  // The consumer's span of this event: each send of these emails continues its trace.
  const traceParent = currentTraceparent();
  const rows: NewNotification[] = recipients.map((recipient) => ({
    notification_id: randomUUID(),
    event_id: event.id,
    event_type: event.type,
    channel: "email",
    recipient,
    brand_id: intent.brandId,
    customer_id: intent.customerId,
    webhook_id: null,
    template: intent.template,
    subject: email.subject,
    body: email.text,
    html: email.html,
    status: "pending",
    next_attempt_at: now,
    trace_parent: traceParent,
    created_at: now,
    updated_at: now,
  }));
  return insertNotifications(trx, rows);
}

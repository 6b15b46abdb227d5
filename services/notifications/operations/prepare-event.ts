import type { ConsumedEvent } from "../../kit/events/index.js";
import { emailFor, tooOldToEmail } from "../domain/index.js";
import type { CustomerRow } from "../storage/index.js";
import { customerCarriedBy, fetchCustomer } from "./customer-directory.js";
import type { NotificationsContext } from "./notifications-context.js";

/** What Notifications looks up for an event before the consumer's transaction opens. */
export interface PreparedEvent {
  /** The customer an email of the event goes to, when the event does not carry them itself. */
  readonly customer?: CustomerRow;
}

/**
 * The consumer's preparation of an event, run with no transaction open: when the event calls for
 * an email to a customer that the event does not carry, finds the customer (in Notifications'
 * table, else by asking Orders, see {@link fetchCustomer}), so that {@link recordEvent} never
 * waits on another service inside its transaction. Events that email nobody, only brands, or are
 * too old to email need nothing.
 */
export async function prepareEvent(ctx: NotificationsContext, event: ConsumedEvent): Promise<PreparedEvent> {
  const intent = emailFor(event.payload, event.tenant);
  if (intent?.audience.to !== "customer") return {};
  if (tooOldToEmail(event.time, ctx.now(), ctx.settings.emailMaxEventAgeMs)) return {};
  const { customerId } = intent.audience;
  // A CustomerCreated is learnt in the transaction, before its welcome email is planned.
  if (customerCarriedBy(event)?.customerId === customerId) return {};
  const customer = await fetchCustomer(ctx, customerId);
  return customer ? { customer } : {};
}

import { isMessage } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { CustomerCreatedSchema, CustomerUpdatedSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import type { Customer } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Waybill } from "@waybill/sdk";
import type { Kysely } from "kysely";
import type { ConsumedEvent } from "../../kit/events/index.js";
import { type CustomerRow, findCustomer, type NotificationsDatabase, rememberCustomer } from "../storage/index.js";
import type { NotificationsContext } from "./notifications-context.js";

/** A customer's name and address as Orders has them. */
export interface KnownCustomer {
  readonly name: string;
  readonly email: string;
}

/** Asks Orders for a customer; `undefined` when Orders has no such customer. */
export type CustomerLookup = (customerId: string) => Promise<KnownCustomer | undefined>;

/** How long Orders may take to answer a GetCustomer before the lookup fails. */
const lookupTimeoutMs = 10_000;

/**
 * A {@link CustomerLookup} over Orders' `GetCustomer` (as the `service` role). An unknown or
 * malformed id answers `undefined`; Orders being unavailable throws (the consumer holds the event
 * until it answers), and so does an answer slower than 10 s (the event is retried later).
 */
export function ordersCustomerLookup(clients: Pick<Waybill, "orders">): CustomerLookup {
  return async (customerId) => {
    try {
      const { customer } = await clients.orders.getCustomer({ customerId }, { timeoutMs: lookupTimeoutMs });
      return customer ? { name: customer.name, email: customer.email } : undefined;
    } catch (error) {
      const code = ConnectError.from(error).code;
      if (code === Code.NotFound || code === Code.InvalidArgument) return undefined;
      throw error;
    }
  };
}

/** The customer an event of Orders carries (CustomerCreated, CustomerUpdated), if any. */
export function customerCarriedBy(event: ConsumedEvent): Customer | undefined {
  const { payload } = event;
  return isMessage(payload, CustomerCreatedSchema) || isMessage(payload, CustomerUpdatedSchema)
    ? payload.customer
    : undefined;
}

/** Keeps the customers' names and addresses from Orders' CustomerCreated and CustomerUpdated. */
export async function learnCustomer(trx: Kysely<NotificationsDatabase>, event: ConsumedEvent): Promise<void> {
  const customer = customerCarriedBy(event);
  if (!customer) return;
  await rememberCustomer(trx, {
    customer_id: customer.customerId,
    name: customer.name,
    email: customer.email,
    as_of: event.time,
  });
}

/**
 * A customer's name and address, found with no transaction open (a consumer's preparation): from
 * Notifications' own table, kept from Orders' events. Only when no event about the customer has
 * been seen yet (an order event handled by one replica while another still handles
 * CustomerCreated) is Orders asked, and the answer kept at once, in a statement of its own, so a
 * retry of the event does not ask again. `undefined` when Orders has no such customer; Orders
 * being unavailable throws (the consumer holds the event and tries again).
 */
export async function fetchCustomer(ctx: NotificationsContext, customerId: string): Promise<CustomerRow | undefined> {
  const known = await findCustomer(ctx.db, customerId);
  if (known) return known;
  const fetched = await ctx.lookupCustomer(customerId);
  if (!fetched) return undefined;
  // As of the epoch: any event about the customer, whenever it is handled, is newer.
  const row = { customer_id: customerId, name: fetched.name, email: fetched.email, as_of: new Date(0) };
  await rememberCustomer(ctx.db, row);
  return row;
}

/**
 * A customer's name and address inside the consumer's transaction, without asking anyone: from
 * Notifications' own table (the latest of the events handled), else `prepared`, what
 * {@link fetchCustomer} found before the transaction opened (if it was about this customer).
 */
export async function customerOf(
  trx: Kysely<NotificationsDatabase>,
  customerId: string,
  prepared: CustomerRow | undefined,
): Promise<CustomerRow | undefined> {
  const known = await findCustomer(trx, customerId);
  if (known) return known;
  return prepared?.customer_id === customerId ? prepared : undefined;
}

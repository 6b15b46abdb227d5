import type { Kysely, Selectable } from "kysely";
import type { CustomersTable, NotificationsDatabase } from "./notifications-database.js";

/** A customer's name and address, as Notifications knows them. */
export type CustomerRow = Selectable<CustomersTable>;

/**
 * Remembers a customer's name and address as of `as_of`. An older fact never overwrites a newer
 * one, so events handled out of order (two replicas) leave the latest address.
 */
export async function rememberCustomer(db: Kysely<NotificationsDatabase>, customer: CustomerRow): Promise<void> {
  await db
    .insertInto("customers")
    .values(customer)
    .onConflict((oc) =>
      oc
        .column("customer_id")
        .doUpdateSet({ name: customer.name, email: customer.email, as_of: customer.as_of })
        .where("customers.as_of", "<=", customer.as_of),
    )
    .execute();
}

/** A customer, or `undefined` when no event about them has been seen. */
export async function findCustomer(
  db: Kysely<NotificationsDatabase>,
  customerId: string,
): Promise<CustomerRow | undefined> {
  return db.selectFrom("customers").selectAll().where("customer_id", "=", customerId).executeTakeFirst();
}

import type { Kysely, Selectable, Updateable } from "kysely";
import type { CustomersTable, OrdersDatabase } from "./orders-database.js";

/** A customer row. */
export type CustomerRow = Selectable<CustomersTable>;

/** Why a customer could not be written. */
export type CustomerConflict = "id_taken" | "email_taken";

/**
 * Inserts a customer. Returns the conflict instead when the id or (case-insensitively) the email
 * is already taken.
 */
export async function insertCustomer(
  db: Kysely<OrdersDatabase>,
  customer: CustomerRow,
): Promise<CustomerRow | CustomerConflict> {
  const inserted = await db
    .insertInto("customers")
    .values(customer)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return inserted;
  const existing = await findCustomer(db, customer.customer_id);
  return existing ? "id_taken" : "email_taken";
}

/** Reads one customer, or `undefined`. */
export async function findCustomer(
  db: Kysely<OrdersDatabase>,
  customerId: string,
  options: { readonly lock?: boolean } = {},
): Promise<CustomerRow | undefined> {
  let query = db.selectFrom("customers").selectAll().where("customer_id", "=", customerId);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** True when another customer than `customerId` has the email (case-insensitive). */
export async function emailTaken(db: Kysely<OrdersDatabase>, email: string, customerId: string): Promise<boolean> {
  const row = await db
    .selectFrom("customers")
    .select("customer_id")
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .where("customer_id", "!=", customerId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Writes changed fields of a customer and returns the row after the change. */
export async function updateCustomer(
  db: Kysely<OrdersDatabase>,
  customerId: string,
  changes: Updateable<Pick<CustomersTable, "name" | "email" | "phone" | "updated_at">>,
): Promise<CustomerRow> {
  return db
    .updateTable("customers")
    .set(changes)
    .where("customer_id", "=", customerId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

import type { Insertable, Kysely, Selectable } from "kysely";
import type { OrderStatusLogTable, OrdersDatabase } from "./orders-database.js";

/** A status log row. */
export type StatusLogRow = Selectable<OrderStatusLogTable>;

/** Appends entries to orders' status logs in one statement. */
export async function appendStatusLog(
  trx: Kysely<OrdersDatabase>,
  entries: readonly Insertable<OrderStatusLogTable>[],
): Promise<void> {
  if (entries.length === 0) return;
  await trx
    .insertInto("order_status_log")
    .values([...entries])
    .execute();
}

/** The status log of an order, oldest first. */
export async function readStatusLog(db: Kysely<OrdersDatabase>, orderId: string): Promise<StatusLogRow[]> {
  return db.selectFrom("order_status_log").selectAll().where("order_id", "=", orderId).orderBy("sequence").execute();
}

import { type Insertable, type Kysely, type Selectable, sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { OrderStatusName } from "../domain/index.js";
import type { OrderEvent } from "./order-event.js";
import type { OrderLinesTable, OrderStatusLogTable, OrdersDatabase, OrdersTable } from "./orders-database.js";

/** An order row. */
export type OrderRow = Selectable<OrdersTable>;

/** An order line row. */
export type OrderLineRow = Selectable<OrderLinesTable>;

/** An order with its lines in line order. */
export type OrderWithLines = OrderRow & { readonly lines: readonly OrderLineRow[] };

/** Everything PlaceOrder writes for a new order. */
export interface NewOrder {
  readonly order: Insertable<OrdersTable>;
  readonly lines: readonly Insertable<OrderLinesTable>[];
  readonly log: Insertable<OrderStatusLogTable>;
  readonly events: readonly OrderEvent[];
}

/**
 * Reads an order with its lines. With `lock`, the order row is locked until the transaction ends
 * (every change reads it so, so two changes of one order run one after the other) and the lines
 * are read after the lock is granted, so they include what the previous holder committed.
 */
export async function findOrder(
  db: Kysely<OrdersDatabase>,
  orderId: string,
  options: { readonly lock?: boolean } = {},
): Promise<OrderWithLines | undefined> {
  if (options.lock) {
    const row = await db
      .selectFrom("orders")
      .selectAll()
      .where("order_id", "=", orderId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return undefined;
    const lines = await findLines(db, [orderId]);
    return { ...row, lines: lines.get(orderId) ?? [] };
  }
  return db
    .selectFrom("orders as o")
    .selectAll("o")
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom("order_lines as l")
          .selectAll("l")
          .whereRef("l.order_id", "=", "o.order_id")
          .orderBy("l.line_number"),
      ).as("lines"),
    )
    .where("o.order_id", "=", orderId)
    .executeTakeFirst();
}

/** The lines of several orders in one query, grouped by order id. */
export async function findLines(
  db: Kysely<OrdersDatabase>,
  orderIds: readonly string[],
): Promise<ReadonlyMap<string, OrderLineRow[]>> {
  const byOrder = new Map<string, OrderLineRow[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return byOrder;
  const rows = await db
    .selectFrom("order_lines")
    .selectAll()
    .where("order_id", "in", orderIds)
    .orderBy("order_id")
    .orderBy("line_number")
    .execute();
  for (const row of rows) byOrder.get(row.order_id)?.push(row);
  return byOrder;
}

/** The fields a transition changes on the order row. */
export interface OrderStatusUpdate {
  readonly status: OrderStatusName;
  readonly status_sequence: number;
  readonly updated_at: Date;
  readonly cancel_reason?: string;
  readonly returned_minor?: number;
}

/** Writes a transition's changes to a (locked) order row. */
export async function updateOrderRow(
  trx: Kysely<OrdersDatabase>,
  orderId: string,
  update: OrderStatusUpdate,
): Promise<void> {
  await trx.updateTable("orders").set(update).where("order_id", "=", orderId).execute();
}

/** Moves an order's last log sequence without another change (a history note). */
export async function setStatusSequence(trx: Kysely<OrdersDatabase>, orderId: string, sequence: number): Promise<void> {
  await trx.updateTable("orders").set({ status_sequence: sequence }).where("order_id", "=", orderId).execute();
}

/** Adds returned units to several lines of an order in one statement. */
export async function addReturnedQuantities(
  trx: Kysely<OrdersDatabase>,
  orderId: string,
  returned: readonly { readonly lineNumber: number; readonly quantity: number }[],
): Promise<void> {
  if (returned.length === 0) return;
  const amounts = sql.join(
    returned.map((line) => sql`when ${line.lineNumber}::integer then ${line.quantity}::bigint`),
    sql` `,
  );
  await trx
    .updateTable("order_lines")
    .set({ returned_quantity: sql`returned_quantity + case line_number ${amounts} else 0 end` })
    .where("order_id", "=", orderId)
    .where(
      "line_number",
      "in",
      returned.map((line) => line.lineNumber),
    )
    .execute();
}

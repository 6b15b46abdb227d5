import type { Kysely } from "kysely";
import type { OrderStatusName } from "../domain/index.js";
import type { OrdersDatabase } from "./orders-database.js";
import type { OrderRow } from "./orders-store.js";

/** Columns ListOrders can sort by. */
export type OrderSortColumn = "created_at" | "updated_at" | "total_minor";

/** Where the previous page ended: its last row's sort value and id. */
export interface OrderListPosition {
  /** Epoch milliseconds for times, minor units for totals. */
  readonly value: number;
  readonly orderId: string;
}

/** Filters, sort and page of {@link listOrders}. */
export interface OrderListQuery {
  readonly brandId?: string;
  readonly customerId?: string;
  readonly statuses: readonly OrderStatusName[];
  readonly createdAfter?: Date;
  readonly createdBefore?: Date;
  readonly sort: OrderSortColumn;
  readonly descending: boolean;
  readonly after?: OrderListPosition;
  readonly limit: number;
}

/**
 * One page of orders by keyset: sorted by the column, ties by order id (so pages never overlap),
 * fetching one extra row to know whether a next page exists.
 */
export async function listOrders(db: Kysely<OrdersDatabase>, query: OrderListQuery): Promise<OrderRow[]> {
  const direction = query.descending ? "desc" : "asc";
  let select = db
    .selectFrom("orders")
    .selectAll()
    .orderBy(query.sort, direction)
    .orderBy("order_id", direction)
    .limit(query.limit + 1);
  if (query.brandId) select = select.where("brand_id", "=", query.brandId);
  if (query.customerId) select = select.where("customer_id", "=", query.customerId);
  if (query.statuses.length > 0) select = select.where("status", "in", [...query.statuses]);
  if (query.createdAfter) select = select.where("created_at", ">=", query.createdAfter);
  if (query.createdBefore) select = select.where("created_at", "<", query.createdBefore);
  const after = query.after;
  if (after) {
    const value = query.sort === "total_minor" ? after.value : new Date(after.value);
    select = select.where((eb) =>
      eb(eb.refTuple(query.sort, "order_id"), query.descending ? "<" : ">", eb.tuple(value as never, after.orderId)),
    );
  }
  return select.execute();
}

/** The value of a row's sort column as it goes into a page token. */
export function sortValueOf(row: OrderRow, sort: OrderSortColumn): number {
  return sort === "total_minor" ? row.total_minor : row[sort].getTime();
}

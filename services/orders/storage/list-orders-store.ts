import type { Kysely } from "kysely";
import type { OrderListFilter } from "../domain/index.js";
import type { OrdersDatabase } from "./orders-database.js";
import type { OrderRow } from "./orders-store.js";

/** Where the previous page ended: its last row's sort value and id. */
export interface OrderListPosition {
  /** A time for the time sorts, minor units for the total. */
  readonly value: Date | number;
  readonly orderId: string;
}

/** The filter of {@link listOrders}, where to resume and how many rows to read. */
export interface OrderListQuery extends OrderListFilter {
  readonly after?: OrderListPosition;
  readonly limit: number;
}

/**
 * Orders by keyset: sorted by the filter's sort value, ties by order id (so pages never overlap),
 * after the position, at most `limit` rows (the caller asks for one more than a page to know
 * whether another follows).
 */
export async function listOrders(db: Kysely<OrdersDatabase>, query: OrderListQuery): Promise<OrderRow[]> {
  const direction = query.descending ? "desc" : "asc";
  let select = db
    .selectFrom("orders")
    .selectAll()
    .orderBy(query.sort, direction)
    .orderBy("order_id", direction)
    .limit(query.limit);
  if (query.brandId) select = select.where("brand_id", "=", query.brandId);
  if (query.customerId) select = select.where("customer_id", "=", query.customerId);
  if (query.statuses.length > 0) select = select.where("status", "in", [...query.statuses]);
  if (query.createdAfter) select = select.where("created_at", ">=", query.createdAfter);
  if (query.createdBefore) select = select.where("created_at", "<", query.createdBefore);
  const after = query.after;
  if (after) {
    select = select.where((eb) =>
      eb(
        eb.refTuple(query.sort, "order_id"),
        query.descending ? "<" : ">",
        eb.tuple(after.value as never, after.orderId),
      ),
    );
  }
  return select.execute();
}

import { cursorFields, type Page, readPage, sortCursor } from "../../kit/pagination/index.js";
import type { OrderListFilter } from "../domain/index.js";
import {
  findLines,
  type OrderListPosition,
  type OrderRow,
  type OrderWithLines,
  listOrders as readOrders,
} from "../storage/index.js";
import type { OrdersContext } from "./orders-context.js";

/** The page a ListOrders request asks for. */
export interface OrderPageRequest {
  readonly pageSize?: number;
  readonly pageToken?: string;
}

/**
 * ListOrders: one keyset page of the orders matching `filter` (already confined to the caller's
 * tenancy), each with its lines. The page token carries the last row's sort value and id and is
 * bound to the filter and sort, so it cannot be replayed against another query.
 */
export async function listOrders(
  ctx: OrdersContext,
  filter: OrderListFilter,
  page: OrderPageRequest | undefined,
): Promise<Page<OrderWithLines>> {
  const cursor = orderCursor(filter);
  const after = cursor.decode(page?.pageToken);
  const found = await readPage(
    page,
    (limit) => readOrders(ctx.db, { ...filter, ...(after ? { after } : {}), limit }),
    cursor.encode,
  );
  const lines = await findLines(
    ctx.db,
    found.rows.map((row) => row.order_id),
  );
  return {
    rows: found.rows.map((row) => ({ ...row, lines: lines.get(row.order_id) ?? [] })),
    nextPageToken: found.nextPageToken,
  };
}

/** Page tokens of one order list: where a page ended, as the storage query resumes from it. */
interface OrderCursor {
  decode(token: string | undefined): OrderListPosition | undefined;
  encode(last: OrderRow): string;
}

/**
 * The cursor of the filter's query: the sort value is the total (an integer) or a time, the tie
 * breaker the order id.
 */
function orderCursor(filter: OrderListFilter): OrderCursor {
  const scope = JSON.stringify([
    "orders",
    filter.brandId ?? "",
    filter.customerId ?? "",
    filter.statuses,
    filter.createdAfter?.getTime() ?? "",
    filter.createdBefore?.getTime() ?? "",
    filter.sort,
    filter.descending,
  ]);
  const sort = filter.sort;
  if (sort === "total_minor") {
    const byTotal = sortCursor({ value: cursorFields.integer, id: cursorFields.uuid }, scope);
    return {
      decode: (token) => positionOf(byTotal.decode(token)),
      encode: (last) => byTotal.encode({ value: last.total_minor, id: last.order_id }),
    };
  }
  const byTime = sortCursor({ value: cursorFields.time, id: cursorFields.uuid }, scope);
  return {
    decode: (token) => positionOf(byTime.decode(token)),
    encode: (last) => byTime.encode({ value: last[sort], id: last.order_id }),
  };
}

function positionOf(
  values: { readonly value: Date | number; readonly id: string } | undefined,
): OrderListPosition | undefined {
  return values ? { value: values.value, orderId: values.id } : undefined;
}

import type { Principal } from "../../kit/auth/index.js";
import { readStatusLog, type StatusLogRow } from "../storage/index.js";
import { getOrder } from "./get-order.js";
import type { OrdersContext } from "./orders-context.js";

/** The status log of an order the caller may read (see {@link getOrder}), oldest first. */
export async function getOrderHistory(
  ctx: OrdersContext,
  principal: Principal,
  orderId: string,
): Promise<StatusLogRow[]> {
  await getOrder(ctx, principal, orderId);
  return readStatusLog(ctx.db, orderId);
}

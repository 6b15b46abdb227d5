import type { Principal } from "../../kit/auth/index.js";
import { assertOrderAccess, orderNotFound } from "../domain/index.js";
import { findOrder, type OrderWithLines } from "../storage/index.js";
import type { OrdersContext } from "./orders-context.js";

/** Reads an order with its lines; NOT_FOUND for an unknown order and, alike, for another tenant's. */
export async function getOrder(ctx: OrdersContext, principal: Principal, orderId: string): Promise<OrderWithLines> {
  const order = await findOrder(ctx.db, orderId);
  if (!order) throw orderNotFound(orderId);
  assertOrderAccess(principal, { orderId, brandId: order.brand_id, customerId: order.customer_id });
  return order;
}

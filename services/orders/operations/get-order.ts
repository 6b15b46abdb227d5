import type { Principal } from "../../kit/auth/index.js";
import { notFound } from "../../kit/errors/index.js";
import { assertOrderAccess } from "../domain/index.js";
import { findOrder, type OrderWithLines } from "../storage/index.js";
import type { OrdersContext } from "./orders-context.js";

/** Reads an order with its lines; another tenant's order is refused, an unknown one NOT_FOUND. */
export async function getOrder(ctx: OrdersContext, principal: Principal, orderId: string): Promise<OrderWithLines> {
  const order = await findOrder(ctx.db, orderId);
  if (!order) throw notFound(`order ${orderId} does not exist`);
  assertOrderAccess(principal, { orderId, brandId: order.brand_id, customerId: order.customer_id });
  return order;
}

import { create } from "@bufbuild/protobuf";
import {
  type CancelOrderRequest,
  CancelOrderRequestSchema,
  type CancelOrderResponse,
  CancelOrderResponseSchema,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Principal } from "../../kit/auth/index.js";
import { changeOrder } from "./change-order.js";
import type { OrdersContext } from "./orders-context.js";
import { recordTransitions } from "./record-transitions.js";

/**
 * CancelOrder: the order's customer, its brand or an admin cancels an order not yet delivered,
 * once per idempotency key, under the order's row lock; the reason is kept on the order.
 */
export async function cancelOrder(
  ctx: OrdersContext,
  principal: Principal,
  request: CancelOrderRequest,
): Promise<CancelOrderResponse> {
  const idempotent = {
    scope: `CancelOrder/${request.orderId}`,
    key: request.idempotencyKey,
    requestSchema: CancelOrderRequestSchema,
    request,
  };
  return changeOrder(ctx, principal, request.orderId, idempotent, CancelOrderResponseSchema, async (trx, order) => {
    const moves = [{ to: "cancelled" as const, reason: request.reason }];
    const changed = await recordTransitions(trx, ctx, order, moves, "cancel", principal, {
      cancelReason: request.reason,
    });
    return create(CancelOrderResponseSchema, { order: changed.order });
  });
}

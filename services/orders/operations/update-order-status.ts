import { create } from "@bufbuild/protobuf";
import {
  type UpdateOrderStatusRequest,
  UpdateOrderStatusRequestSchema,
  type UpdateOrderStatusResponse,
  UpdateOrderStatusResponseSchema,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Principal } from "../../kit/auth/index.js";
import { statusFromProto } from "../wire/index.js";
import { changeOrder } from "./change-order.js";
import type { OrdersContext } from "./orders-context.js";
import { recordTransitions } from "./record-transitions.js";

/**
 * UpdateOrderStatus: the brand's kitchen moves its order to PREPARING or READY_FOR_DISPATCH, once
 * per idempotency key, under the order's row lock; the status machine decides what is allowed.
 */
export async function updateOrderStatus(
  ctx: OrdersContext,
  principal: Principal,
  request: UpdateOrderStatusRequest,
): Promise<UpdateOrderStatusResponse> {
  const idempotent = {
    scope: `UpdateOrderStatus/${request.orderId}`,
    key: request.idempotencyKey,
    requestSchema: UpdateOrderStatusRequestSchema,
    request,
  };
  return changeOrder(
    ctx,
    principal,
    request.orderId,
    idempotent,
    UpdateOrderStatusResponseSchema,
    async (trx, order) => {
      const moves = [{ to: statusFromProto(request.status), reason: request.reason }];
      const changed = await recordTransitions(trx, ctx, order, moves, "kitchen", principal);
      return create(UpdateOrderStatusResponseSchema, { order: changed.order });
    },
  );
}

import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  CancelOrderRequestSchema,
  CancelOrderResponseSchema,
  type OrderService,
  ReturnOrderLinesRequestSchema,
  ReturnOrderLinesResponseSchema,
  UpdateOrderStatusRequestSchema,
  UpdateOrderStatusResponseSchema,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { requirePrincipal } from "../../kit/auth/index.js";
import { changeOrder } from "../operations/change-order.js";
import type { OrdersContext } from "../operations/orders-context.js";
import { recordTransitions } from "../operations/record-transitions.js";
import { returnLines } from "../operations/return-lines.js";
import { statusFromProto } from "./messages.js";

/**
 * The RPCs that move an existing order: the brand's kitchen states, cancellation (customer of
 * the order, its brand or an admin) and per-line returns. Each runs under the order's row lock and
 * its idempotency key (see `changeOrder`); the status machine decides what is allowed.
 */
export function createOrderChangeHandlers(
  ctx: OrdersContext,
): Pick<ServiceImpl<typeof OrderService>, "updateOrderStatus" | "cancelOrder" | "returnOrderLines"> {
  return {
    async updateOrderStatus(request, context) {
      const principal = requirePrincipal(context);
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
          const changed = await recordTransitions(trx, ctx.outbox, order, moves, "kitchen", principal);
          return create(UpdateOrderStatusResponseSchema, { order: changed.order });
        },
      );
    },

    async cancelOrder(request, context) {
      const principal = requirePrincipal(context);
      const idempotent = {
        scope: `CancelOrder/${request.orderId}`,
        key: request.idempotencyKey,
        requestSchema: CancelOrderRequestSchema,
        request,
      };
      return changeOrder(ctx, principal, request.orderId, idempotent, CancelOrderResponseSchema, async (trx, order) => {
        const moves = [{ to: "cancelled" as const, reason: request.reason }];
        const changed = await recordTransitions(trx, ctx.outbox, order, moves, "cancel", principal, {
          cancelReason: request.reason,
        });
        return create(CancelOrderResponseSchema, { order: changed.order });
      });
    },

    async returnOrderLines(request, context) {
      const principal = requirePrincipal(context);
      const idempotent = {
        scope: `ReturnOrderLines/${request.orderId}`,
        key: request.idempotencyKey,
        requestSchema: ReturnOrderLinesRequestSchema,
        request,
      };
      return changeOrder(ctx, principal, request.orderId, idempotent, ReturnOrderLinesResponseSchema, (trx, order) =>
        returnLines(trx, ctx.outbox, order, request, principal),
      );
    },
  };
}

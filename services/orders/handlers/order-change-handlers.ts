import type { ServiceImpl } from "@connectrpc/connect";
import type { OrderService } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { requirePrincipal } from "../../kit/auth/index.js";
import { cancelOrder, type OrdersContext, returnOrderLines, updateOrderStatus } from "../operations/index.js";

/**
 * The RPCs that move an existing order: the brand's kitchen states, cancellation (customer of
 * the order, its brand or an admin) and per-line returns. Each runs under the order's row lock and
 * its idempotency key (see the operations' `changeOrder`); the status machine decides what is
 * allowed, and who may touch the order is checked on the locked row.
 */
export function createOrderChangeHandlers(
  ctx: OrdersContext,
): Pick<ServiceImpl<typeof OrderService>, "updateOrderStatus" | "cancelOrder" | "returnOrderLines"> {
  return {
    updateOrderStatus: (request, context) => updateOrderStatus(ctx, requirePrincipal(context), request),
    cancelOrder: (request, context) => cancelOrder(ctx, requirePrincipal(context), request),
    returnOrderLines: (request, context) => returnOrderLines(ctx, requirePrincipal(context), request),
  };
}

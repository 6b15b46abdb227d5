import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  GetOrderHistoryResponseSchema,
  GetOrderResponseSchema,
  ListOrdersResponseSchema,
  type OrderService,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { assertBrandAccess, requirePrincipal } from "../../kit/auth/index.js";
import { callerDeadline } from "../../kit/deadlines/index.js";
import { assertActsForCustomer, scopeOrderList } from "../domain/index.js";
import { getOrder, getOrderHistory, listOrders, type OrdersContext, placeOrder } from "../operations/index.js";
import { orderListFromProto, toOrder, toStatusChange } from "../wire/index.js";

/**
 * PlaceOrder and the order reads. Roles were checked by the auth interceptor and fields by the
 * validation interceptor; tenancy is checked here when the request alone decides it (a customer
 * orders and lists only for themselves, a brand or partner only its own brand's orders), and by
 * the operations on the stored order otherwise.
 */
export function createOrderHandlers(
  ctx: OrdersContext,
): Pick<ServiceImpl<typeof OrderService>, "placeOrder" | "getOrder" | "getOrderHistory" | "listOrders"> {
  return {
    async placeOrder(request, context) {
      const principal = requirePrincipal(context);
      assertActsForCustomer(principal, request.customerId);
      if (principal.role === "partner") assertBrandAccess(principal, request.brandId);
      // The caller's timeout, capped so that every placement has a deadline.
      return placeOrder(ctx, principal, request, callerDeadline(context, { maxMs: ctx.placeOrderDeadlineMs }));
    },

    async getOrder(request, context) {
      const order = await getOrder(ctx, requirePrincipal(context), request.orderId);
      return create(GetOrderResponseSchema, { order: toOrder(order, order.lines) });
    },

    async getOrderHistory(request, context) {
      const log = await getOrderHistory(ctx, requirePrincipal(context), request.orderId);
      return create(GetOrderHistoryResponseSchema, { changes: log.map(toStatusChange) });
    },

    async listOrders(request, context) {
      const tenancy = scopeOrderList(requirePrincipal(context), {
        brandId: request.brandId,
        customerId: request.customerId,
      });
      const page = await listOrders(ctx, orderListFromProto(request, tenancy), request.page);
      return create(ListOrdersResponseSchema, {
        orders: page.rows.map((order) => toOrder(order, order.lines)),
        page: { nextPageToken: page.nextPageToken },
      });
    },
  };
}

import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  GetOrderHistoryResponseSchema,
  GetOrderResponseSchema,
  ListOrdersResponseSchema,
  type OrderService,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { assertBrandAccess, type Principal, requirePrincipal } from "../../kit/auth/index.js";
import { notFound } from "../../kit/errors/index.js";
import { assertActsForCustomer, assertOrderAccess } from "../domain/index.js";
import type { OrdersContext } from "../operations/orders-context.js";
import { placeOrder } from "../operations/place-order.js";
import { findLines, findOrder, listOrders, readStatusLog } from "../storage/index.js";
import { planOrderList } from "./list-orders-request.js";
import { toOrder, toStatusChange } from "./messages.js";

/**
 * PlaceOrder and the order reads. Roles were checked by the auth interceptor and fields by the
 * validation interceptor; tenancy is checked here: a customer orders and reads only for
 * themselves, a brand or partner only its own brand's orders.
 */
export function createOrderHandlers(
  ctx: OrdersContext,
): Pick<ServiceImpl<typeof OrderService>, "placeOrder" | "getOrder" | "getOrderHistory" | "listOrders"> {
  async function readableOrder(principal: Principal, orderId: string) {
    const order = await findOrder(ctx.db, orderId);
    if (!order) throw notFound(`order ${orderId} does not exist`);
    assertOrderAccess(principal, { orderId, brandId: order.brand_id, customerId: order.customer_id });
    return order;
  }

  return {
    async placeOrder(request, context) {
      const principal = requirePrincipal(context);
      assertActsForCustomer(principal, request.customerId);
      if (principal.role === "partner") assertBrandAccess(principal, request.brandId);
      return placeOrder(ctx, principal, request);
    },

    async getOrder(request, context) {
      const order = await readableOrder(requirePrincipal(context), request.orderId);
      return create(GetOrderResponseSchema, { order: toOrder(order, order.lines) });
    },

    async getOrderHistory(request, context) {
      await readableOrder(requirePrincipal(context), request.orderId);
      const log = await readStatusLog(ctx.db, request.orderId);
      return create(GetOrderHistoryResponseSchema, { changes: log.map(toStatusChange) });
    },

    async listOrders(request, context) {
      const plan = planOrderList(requirePrincipal(context), request);
      const rows = await listOrders(ctx.db, plan.query);
      const page = rows.slice(0, plan.query.limit);
      const lines = await findLines(
        ctx.db,
        page.map((row) => row.order_id),
      );
      const last = page.at(-1);
      return create(ListOrdersResponseSchema, {
        orders: page.map((row) => toOrder(row, lines.get(row.order_id) ?? [])),
        page: { nextPageToken: rows.length > page.length && last ? plan.nextPageToken(last) : "" },
      });
    },
  };
}

import type { ServiceImpl } from "@connectrpc/connect";
import type { OrderService } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { OrdersContext } from "../operations/index.js";
import { createCustomerHandlers } from "./customer-handlers.js";
import { createOrderChangeHandlers } from "./order-change-handlers.js";
import { createOrderHandlers } from "./order-handlers.js";

/** Every `OrderService` RPC, built over the shared Orders context. */
export function createOrderServiceHandlers(ctx: OrdersContext): Partial<ServiceImpl<typeof OrderService>> {
  return { ...createCustomerHandlers(ctx), ...createOrderHandlers(ctx), ...createOrderChangeHandlers(ctx) };
}

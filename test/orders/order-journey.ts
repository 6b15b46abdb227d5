import {
  OrderDeliveredSchema,
  OrderDispatchedSchema,
  OrderEnRouteSchema,
} from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import { type Order, OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Waybill } from "@waybill/sdk";
import { expect } from "vitest";
import { orderRequest, waitFor } from "../support/index.js";
import { type OrdersHarness, startOrdersHarness } from "./orders-harness.js";

/** Order lines as (SKU, quantity) pairs. */
export type Lines = readonly (readonly [string, number])[];

/** Steps that take an order of brand `acme` through its life, for tests of moves and returns. */
export interface OrderJourney {
  /** A new customer places an order (one line of 2 SOUP by default). */
  placed(lines?: Lines): Promise<{ order: Order; customer: Awaited<ReturnType<OrdersHarness["customer"]>> }>;
  /** Moves an order with UpdateOrderStatus as `client`. */
  move(
    client: Waybill,
    order: Order,
    status: OrderStatus,
    reason?: string,
  ): ReturnType<Waybill["orders"]["updateOrderStatus"]>;
  /** The order's current status, read as admin. */
  statusOf(orderId: string): Promise<OrderStatus>;
  /** Places an order and takes it through the kitchen and Fleet's events to DELIVERED. */
  delivered(lines?: Lines): ReturnType<OrderJourney["placed"]>;
}

/**
 * The journey steps over a harness, with `kitchen` (a client of brand `acme`) moving the kitchen
 * states. Idempotency keys are unique within the journey.
 */
function orderJourney(harness: OrdersHarness, kitchen: Waybill): OrderJourney {
  let keys = 0;
  const journey: OrderJourney = {
    async placed(lines = [["SOUP", 2]]) {
      const customer = await harness.customer();
      const { order } = await customer.client.orders.placeOrder(
        orderRequest(customer.id, "acme", lines, `order-${++keys}`),
      );
      return { order: order!, customer };
    },
    move: (client, order, status, reason = "") =>
      client.orders.updateOrderStatus({ orderId: order.orderId, status, reason, idempotencyKey: `move-${++keys}` }),
    async statusOf(orderId) {
      return (await harness.admin.orders.getOrder({ orderId })).order!.status;
    },
    async delivered(lines) {
      const { order, customer } = await journey.placed(lines);
      await journey.move(kitchen, order, OrderStatus.PREPARING);
      await journey.move(kitchen, order, OrderStatus.READY_FOR_DISPATCH);
      const assignment = { orderId: order.orderId, brandId: "acme", customerId: customer.id, courierId: "rider-7" };
      await harness.publishFleet(OrderDispatchedSchema, { assignment });
      await harness.publishFleet(OrderEnRouteSchema, { assignment });
      await harness.publishFleet(OrderDeliveredSchema, { assignment, receivedBy: "Ada" });
      expect(
        await waitFor(
          () => journey.statusOf(order.orderId),
          (s) => s === OrderStatus.DELIVERED,
        ),
      ).toBe(OrderStatus.DELIVERED);
      return { order, customer };
    },
  };
  return journey;
}

/** Inventory and Orders with acme's kitchen: its client, SOUP (EUR 4.50) and BREAD (EUR 2.00) in stock, and the journey steps. */
export interface KitchenHarness extends OrdersHarness, OrderJourney {
  /** A client of brand acme. */
  readonly kitchen: Waybill;
}

/** Starts a {@link KitchenHarness}. */
export async function startKitchenHarness(): Promise<KitchenHarness> {
  const harness = await startOrdersHarness();
  const kitchen = await harness.brand("acme");
  await harness.stock("acme", "SOUP", 1000, 450);
  await harness.stock("acme", "BREAD", 1000, 200);
  return { ...harness, ...orderJourney(harness, kitchen), kitchen };
}

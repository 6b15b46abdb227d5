import { create } from "@bufbuild/protobuf";
import type { CampaignStats } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import {
  OrderDeliveredSchema,
  OrderDispatchedSchema,
  OrderEnRouteSchema,
} from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import {
  OrderCancelledSchema,
  OrderLinesReturnedSchema,
  OrderPlacedSchema,
} from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import { type Order, OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignsService } from "../../services/campaigns/index.js";
import type { PlatformSimulator } from "../../services/campaigns/simulator/index.js";
import { type OrdersHarness, startOrdersHarness } from "../orders/orders-harness.js";
import { createEventPublisher, type EventPublisher, orderRequest, publishedEvents, waitFor } from "../support/index.js";
import { campaignRequest, platformEnv, startSimulator } from "./helpers/campaigns-harness.js";

let simulator: PlatformSimulator;
let harness: OrdersHarness;
let publisher: EventPublisher;
let keys = 0;

beforeAll(async () => {
  ({ simulator } = await startSimulator());
  harness = await startOrdersHarness({ with: [campaignsService], env: platformEnv(simulator) });
  publisher = await createEventPublisher(harness.env);
  await harness.stock("shop", "TEA", 1_000, 500);
  await harness.stock("shop", "POT", 1_000, 1_250);
});
afterAll(async () => {
  await publisher?.close();
  await harness?.stop();
  await simulator?.close();
});

/** A new customer places an order of brand shop with `code`. */
async function place(code: string, lines: readonly (readonly [string, number])[]): Promise<Order> {
  const customer = await harness.customer();
  const { order } = await customer.client.orders.placeOrder(
    orderRequest(customer.id, "shop", lines, `order-${++keys}`, { promoCode: code }),
  );
  return order!;
}

const cancel = (order: Order) =>
  harness.admin.orders.cancelOrder({
    orderId: order.orderId,
    reason: "changed mind",
    idempotencyKey: `cancel-${++keys}`,
  });

/** The stats' figures, as the test keeps them. */
interface Totals {
  readonly orders: bigint;
  readonly units: bigint;
  readonly revenue: bigint;
  readonly cancelled: bigint;
}
const figures = (s: CampaignStats): Totals => ({
  orders: s.orders,
  units: s.units,
  revenue: s.revenue?.minorUnits ?? 0n,
  cancelled: s.cancelledOrders,
});
const fields = ["orders", "units", "revenue", "cancelled"] as const;

/** A campaign of brand shop with its own promo code (so each test counts its own orders) and its stats. */
async function campaignWithCode(promoCode: string) {
  const { campaign } = await harness.admin.campaigns.createCampaign(
    campaignRequest("shop", { name: promoCode, promoCode }),
  );
  const campaignId = campaign!.campaignId;
  const stats = async () => (await harness.admin.campaigns.getCampaignStats({ campaignId })).stats!;
  let totals: Totals = { orders: 0n, units: 0n, revenue: 0n, cancelled: 0n };
  return {
    campaignId,
    stats,
    /** Adds `change` to the expected totals, waits for the stats to reach them, and checks them. */
    async expectTotals(change: Partial<Totals>): Promise<void> {
      const expected = Object.fromEntries(
        fields.map((field) => [field, totals[field] + (change[field] ?? 0n)]),
      ) as unknown as Totals;
      totals = expected;
      const reached = await waitFor(stats, (s) => fields.every((field) => figures(s)[field] === expected[field]));
      expect(figures(reached)).toEqual(expected);
    },
  };
}

describe("attribution", () => {
  it("counts the orders placed with the campaign's code and subtracts those cancelled", async () => {
    const { campaignId, stats, expectTotals } = await campaignWithCode("spring");
    await place("spring", [
      ["TEA", 2],
      ["POT", 1],
    ]);
    await place("SPRING", [["TEA", 1]]);
    await place("", [["TEA", 5]]);
    await place("OTHER", [["POT", 1]]);
    const cancelled = await place("Spring", [["POT", 2]]);
    await cancel(cancelled);
    await expectTotals({ orders: 2n, units: 4n, revenue: 2_750n, cancelled: 1n });
    const stat = await stats();
    expect(stat).toMatchObject({ campaignId, brandId: "shop", promoCode: "SPRING", revenue: { currencyCode: "EUR" } });
    expect(stat.updateTime).toBeDefined();
  });

  it("subtracts a cancellation once, however often it is redelivered or repeated", async () => {
    const { expectTotals } = await campaignWithCode("again");
    const order = await place("AGAIN", [["TEA", 3]]);
    await cancel(order);
    await expectTotals({ cancelled: 1n });
    const [event] = await publishedEvents(harness.env, "orders", "OrderCancelled", order.orderId);
    const payload = create(OrderCancelledSchema, event!.payload as never);
    await publisher.publish("orders", OrderCancelledSchema, payload, {
      tenant: "shop",
      aggregateId: order.orderId,
      id: event!.id,
    });
    await publisher.publish("orders", OrderCancelledSchema, payload, { tenant: "shop", aggregateId: order.orderId });
    // An order placed after them is counted after them: once it is, they were handled.
    await place("AGAIN", [["TEA", 1]]);
    await expectTotals({ orders: 1n, units: 1n, revenue: 500n });
  });

  it("subtracts returned units and their value once", async () => {
    const { expectTotals } = await campaignWithCode("returns");
    const order = await place("RETURNS", [
      ["TEA", 2],
      ["POT", 1],
    ]);
    await expectTotals({ orders: 1n, units: 3n, revenue: 2_250n });
    const kitchen = await harness.brand("shop");
    for (const status of [OrderStatus.PREPARING, OrderStatus.READY_FOR_DISPATCH]) {
      await kitchen.orders.updateOrderStatus({
        orderId: order.orderId,
        status,
        reason: "",
        idempotencyKey: `move-${++keys}`,
      });
    }
    const assignment = { orderId: order.orderId, brandId: "shop", customerId: order.customerId, courierId: "rider-1" };
    for (const schema of [OrderDispatchedSchema, OrderEnRouteSchema, OrderDeliveredSchema])
      await harness.publishFleet(schema, { assignment });
    await waitFor(
      async () => (await harness.admin.orders.getOrder({ orderId: order.orderId })).order!.status,
      (status) => status === OrderStatus.DELIVERED,
    );
    const returned = await kitchen.orders.returnOrderLines({
      orderId: order.orderId,
      lines: [{ lineNumber: 1, quantity: 1n }],
      reason: "chipped",
      idempotencyKey: `return-${++keys}`,
    });
    await expectTotals({ units: -1n, revenue: -500n });
    const repeat = create(OrderLinesReturnedSchema, {
      order: returned.order,
      lines: returned.returnedLines,
      actor: "brand-test",
      reason: "chipped",
    });
    await publisher.publish("orders", OrderLinesReturnedSchema, repeat, { tenant: "shop", aggregateId: order.orderId });
    await place("RETURNS", [["POT", 1]]);
    await expectTotals({ orders: 1n, units: 1n, revenue: 1_250n });
  });

  it("counts a cancellation that arrives before its placement as cancelled only", async () => {
    const { expectTotals } = await campaignWithCode("early");
    const orderId = crypto.randomUUID();
    const order = {
      orderId,
      brandId: "shop",
      customerId: "c-1",
      promoCode: "EARLY",
      totalUnits: 4n,
      total: { currencyCode: "EUR", minorUnits: 2_000n },
      status: OrderStatus.CANCELLED,
    };
    await publisher.publish("orders", OrderCancelledSchema, create(OrderCancelledSchema, { order, reason: "early" }), {
      tenant: "shop",
      aggregateId: orderId,
    });
    await expectTotals({ cancelled: 1n });
    await publisher.publish(
      "orders",
      OrderPlacedSchema,
      create(OrderPlacedSchema, { order: { ...order, status: OrderStatus.PLACED } }),
      { tenant: "shop", aggregateId: orderId },
    );
    await place("EARLY", [["TEA", 1]]);
    await expectTotals({ orders: 1n, units: 1n, revenue: 500n });
  });
});

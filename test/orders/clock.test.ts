import { type Timestamp, timestampDate } from "@bufbuild/protobuf/wkt";
import { DeliveryRecalledSchema } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHeldClock, orderRequest, waitFor } from "../support/index.js";
import { type OrdersHarness, startOrdersHarness } from "./orders-harness.js";

const clock = createHeldClock();
const { at } = clock;
let harness: OrdersHarness;

beforeAll(async () => {
  harness = await startOrdersHarness({ now: clock.now });
  await harness.stock("acme", "SOUP", 100, 450);
});
afterAll(() => harness?.stop());

/** A distinct time a little in the past (well inside a stock hold's life), to the millisecond. */
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const time = (timestamp: Timestamp | undefined) => (timestamp ? timestampDate(timestamp).toISOString() : undefined);

describe("Orders' clock", () => {
  it("stamps customers, orders, transitions and history notes with the injected time", async () => {
    const { admin } = harness;
    const customerId = crypto.randomUUID();
    const created = minutesAgo(6);
    const renamed = minutesAgo(5);
    const placed = minutesAgo(4);
    const preparing = minutesAgo(3);
    const cancelled = minutesAgo(2);
    const recalled = minutesAgo(1);

    const customer = await at(created, () =>
      admin.orders.createCustomer({
        customerId,
        name: "Grace",
        email: `grace-${customerId}@example.com`,
        idempotencyKey: `clock-${customerId}`,
      }),
    );
    expect(time(customer.customer?.createTime)).toBe(created.toISOString());
    const updated = await at(renamed, () =>
      admin.orders.updateCustomer({
        customerId,
        name: "Grace H.",
        updateMask: { paths: ["name"] },
        idempotencyKey: `clock-rename-${customerId}`,
      }),
    );
    expect(time(updated.customer?.updateTime)).toBe(renamed.toISOString());
    expect(time(updated.customer?.createTime)).toBe(created.toISOString());

    const { order } = await at(placed, () =>
      admin.orders.placeOrder(orderRequest(customerId, "acme", [["SOUP", 1]], `clock-order-${customerId}`)),
    );
    const orderId = order?.orderId ?? "";
    expect(time(order?.createTime)).toBe(placed.toISOString());
    const kitchen = await harness.brand("acme");
    const moved = await at(preparing, () =>
      kitchen.orders.updateOrderStatus({ orderId, status: OrderStatus.PREPARING, reason: "", idempotencyKey: "p" }),
    );
    expect(time(moved.order?.updateTime)).toBe(preparing.toISOString());
    await at(cancelled, () => kitchen.orders.cancelOrder({ orderId, reason: "closed", idempotencyKey: "c" }));

    const assignment = { orderId, brandId: "acme", customerId, courierId: "drone-1" };
    const changes = await at(recalled, async () => {
      await harness.publishFleet(DeliveryRecalledSchema, { assignment, reason: "test" });
      return waitFor(
        async () => (await admin.orders.getOrderHistory({ orderId })).changes,
        (list) => list.length === 4,
      );
    });
    expect(changes.map((change) => time(change.changeTime))).toEqual(
      [placed, preparing, cancelled, recalled].map((date) => date.toISOString()),
    );
    const stored = (await admin.orders.getOrder({ orderId })).order;
    expect(time(stored?.createTime)).toBe(placed.toISOString());
    expect(time(stored?.updateTime)).toBe(cancelled.toISOString());
  });
});

import { Code } from "@connectrpc/connect";
import { Role } from "@waybill/contracts/waybill/common/v1/auth_pb.js";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, publishedEvents, rejectionsOf, waitFor } from "../support/index.js";
import { type KitchenHarness, startKitchenHarness } from "./order-journey.js";

let harness: KitchenHarness;

beforeAll(async () => {
  harness = await startKitchenHarness();
});
afterAll(() => harness?.stop());

describe("kitchen states", () => {
  it("lets the brand move PLACED to PREPARING to READY_FOR_DISPATCH, logging actor, role and reason", async () => {
    const { order } = await harness.placed();
    const preparing = await harness.move(harness.kitchen, order, OrderStatus.PREPARING, "chef started");
    expect(preparing.order?.status).toBe(OrderStatus.PREPARING);
    const ready = await harness.move(harness.kitchen, order, OrderStatus.READY_FOR_DISPATCH);
    expect(ready.order?.status).toBe(OrderStatus.READY_FOR_DISPATCH);
    const history = (await harness.kitchen.orders.getOrderHistory({ orderId: order.orderId })).changes;
    expect(history.map((c) => [c.sequence, c.fromStatus, c.toStatus, c.actorRole])).toEqual([
      [1, OrderStatus.UNSPECIFIED, OrderStatus.PLACED, Role.CUSTOMER],
      [2, OrderStatus.PLACED, OrderStatus.PREPARING, Role.BRAND],
      [3, OrderStatus.PREPARING, OrderStatus.READY_FOR_DISPATCH, Role.BRAND],
    ]);
    expect(history[1]).toMatchObject({ actor: "brand-test", reason: "chef started" });
    expect(history[0]!.actor).toBe(order.customerId);
    expect(await publishedEvents(harness.env, "orders", "OrderReadyForDispatch", order.orderId)).toHaveLength(1);
  });

  it("refuses invalid moves with FAILED_PRECONDITION naming the current and requested status", async () => {
    const { order } = await harness.placed();
    const skip = await errorOf(harness.move(harness.kitchen, order, OrderStatus.READY_FOR_DISPATCH));
    expect(skip.code).toBe(Code.FailedPrecondition);
    expect(skip.rawMessage).toBe("order is PLACED and cannot move to READY_FOR_DISPATCH");
    await harness.move(harness.kitchen, order, OrderStatus.PREPARING);
    const again = await errorOf(harness.move(harness.kitchen, order, OrderStatus.PREPARING));
    expect(again.rawMessage).toBe("order is PREPARING and cannot move to PREPARING");
    const delivery = await errorOf(harness.move(harness.kitchen, order, OrderStatus.DELIVERED));
    expect(delivery.code).toBe(Code.InvalidArgument);
  });

  it("answers a retried key with the refusal it got first, even once the order could make the move", async () => {
    const { order } = await harness.placed();
    const request = {
      orderId: order.orderId,
      status: OrderStatus.READY_FOR_DISPATCH,
      reason: "",
      idempotencyKey: "too-soon-1",
    };
    const tooSoon = await errorOf(harness.kitchen.orders.updateOrderStatus(request));
    expect(tooSoon.rawMessage).toBe("order is PLACED and cannot move to READY_FOR_DISPATCH");
    await harness.move(harness.kitchen, order, OrderStatus.PREPARING);
    const retried = await errorOf(harness.kitchen.orders.updateOrderStatus(request));
    expect([retried.code, retried.rawMessage]).toEqual([Code.FailedPrecondition, tooSoon.rawMessage]);
    expect(await harness.statusOf(order.orderId)).toBe(OrderStatus.PREPARING);
  });

  it("lets only the order's own brand (or an admin) move it; a customer may not", async () => {
    const { order, customer } = await harness.placed();
    expect((await errorOf(harness.move(customer.client, order, OrderStatus.PREPARING))).code).toBe(
      Code.PermissionDenied,
    );
    // Another brand's order is answered like a missing one.
    expect((await errorOf(harness.move(await harness.brand("globex"), order, OrderStatus.PREPARING))).code).toBe(
      Code.NotFound,
    );
    expect((await harness.move(harness.admin, order, OrderStatus.PREPARING)).order?.status).toBe(OrderStatus.PREPARING);
  });

  it("lets exactly one of concurrent moves win", async () => {
    const { order } = await harness.placed();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => harness.move(harness.kitchen, order, OrderStatus.PREPARING)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = rejectionsOf(results);
    expect(refused.every((e) => e.code === Code.FailedPrecondition)).toBe(true);
    const history = (await harness.kitchen.orders.getOrderHistory({ orderId: order.orderId })).changes;
    expect(history.map((c) => c.toStatus)).toEqual([OrderStatus.PLACED, OrderStatus.PREPARING]);
  });

  it("replays a retried key instead of refusing the second move", async () => {
    const { order } = await harness.placed();
    const request = { orderId: order.orderId, status: OrderStatus.PREPARING, reason: "", idempotencyKey: "same-move" };
    const first = await harness.kitchen.orders.updateOrderStatus(request);
    expect(await harness.kitchen.orders.updateOrderStatus(request)).toEqual(first);
  });
});

describe("cancellation", () => {
  it("lets the customer cancel their own order and releases its hold at Inventory", async () => {
    const before = await harness.level("acme", "BREAD");
    const { order, customer } = await harness.placed([["BREAD", 3]]);
    expect((await harness.level("acme", "BREAD")).reserved).toBe(before.reserved + 3n);
    const other = await harness.customer();
    const cancel = { orderId: order.orderId, reason: "changed my mind", idempotencyKey: "cancel-1" };
    expect((await errorOf(other.client.orders.cancelOrder(cancel))).code).toBe(Code.NotFound);
    const cancelled = await customer.client.orders.cancelOrder(cancel);
    expect(cancelled.order).toMatchObject({ status: OrderStatus.CANCELLED, cancelReason: "changed my mind" });
    const released = await waitFor(
      () => harness.level("acme", "BREAD"),
      (level) => level.reserved === before.reserved,
    );
    expect(released).toMatchObject({ reserved: before.reserved, onHand: before.onHand });
    const again = await errorOf(customer.client.orders.cancelOrder({ ...cancel, idempotencyKey: "cancel-2" }));
    expect(again.rawMessage).toBe("order is CANCELLED and cannot move to CANCELLED");
    expect(await publishedEvents(harness.env, "orders", "OrderCancelled", order.orderId)).toHaveLength(1);
  });

  it("lets the brand cancel in a harness.kitchen state, and nobody cancel a delivered order", async () => {
    const { order } = await harness.placed();
    await harness.move(harness.kitchen, order, OrderStatus.PREPARING);
    expect(
      (await harness.kitchen.orders.cancelOrder({ orderId: order.orderId, reason: "out of soup", idempotencyKey: "c" }))
        .order?.status,
    ).toBe(OrderStatus.CANCELLED);
    const done = await harness.delivered();
    const late = await errorOf(
      done.customer.client.orders.cancelOrder({ orderId: done.order.orderId, reason: "", idempotencyKey: "late" }),
    );
    expect(late.code).toBe(Code.FailedPrecondition);
    expect(late.rawMessage).toBe("order is DELIVERED and cannot move to CANCELLED");
  });
});

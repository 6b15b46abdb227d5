import { Code } from "@connectrpc/connect";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, rejectionsOf, waitFor } from "../support/index.js";
import { type KitchenHarness, startKitchenHarness } from "./order-journey.js";

let harness: KitchenHarness;

beforeAll(async () => {
  harness = await startKitchenHarness();
});
afterAll(() => harness?.stop());

describe("returns", () => {
  it("returns lines partly then fully, ending RETURNED, and puts the goods back on hand", async () => {
    await harness.stock("acme", "STEW", 100, 450);
    await harness.stock("acme", "ROLL", 50, 200);
    const { order } = await harness.delivered([
      ["STEW", 3],
      ["ROLL", 1],
    ]);
    // Dispatch consumed the held stock at Inventory.
    const stew = await waitFor(
      () => harness.level("acme", "STEW"),
      (level) => level.onHand === 97n,
    );
    expect(stew).toMatchObject({ onHand: 97n, reserved: 0n });
    const first = await harness.kitchen.orders.returnOrderLines({
      orderId: order.orderId,
      lines: [{ lineNumber: 1, quantity: 2n }],
      reason: "damaged",
      idempotencyKey: "r1",
    });
    expect(first.order?.status).toBe(OrderStatus.DELIVERED);
    expect(first.order?.lines.map((l) => l.returnedQuantity)).toEqual([2n, 0n]);
    expect(first.order?.returnedTotal?.minorUnits).toBe(900n);
    expect(first.returnedLines.map((l) => [l.lineNumber, l.sku, l.quantity, l.amount?.minorUnits])).toEqual([
      [1, "STEW", 2n, 900n],
    ]);
    expect(
      (
        await waitFor(
          () => harness.level("acme", "STEW"),
          (level) => level.onHand === 99n,
        )
      ).onHand,
    ).toBe(99n);
    const tooMany = await errorOf(
      harness.kitchen.orders.returnOrderLines({
        orderId: order.orderId,
        lines: [{ lineNumber: 1, quantity: 2n }],
        reason: "",
        idempotencyKey: "r2",
      }),
    );
    expect(tooMany.code).toBe(Code.FailedPrecondition);
    const rest = await harness.kitchen.orders.returnOrderLines({
      orderId: order.orderId,
      lines: [
        { lineNumber: 1, quantity: 1n },
        { lineNumber: 2, quantity: 1n },
      ],
      reason: "customer returned the rest",
      idempotencyKey: "r3",
    });
    expect(rest.order).toMatchObject({ status: OrderStatus.RETURNED, returnedTotal: { minorUnits: 1550n } });
    const history = (await harness.kitchen.orders.getOrderHistory({ orderId: order.orderId })).changes;
    expect(history.at(-1)).toMatchObject({
      fromStatus: OrderStatus.DELIVERED,
      toStatus: OrderStatus.RETURNED,
      reason: "customer returned the rest",
    });
    expect(
      (
        await waitFor(
          () => harness.level("acme", "STEW"),
          (level) => level.onHand === 100n,
        )
      ).onHand,
    ).toBe(100n);
    expect(
      (
        await waitFor(
          () => harness.level("acme", "ROLL"),
          (level) => level.onHand === 50n,
        )
      ).onHand,
    ).toBe(50n);
    const afterReturns = await harness.level("acme", "STEW");
    expect(afterReturns).toMatchObject({ onHand: 100n, reserved: 0n });
  });

  it("serializes concurrent returns of one order, so the last unit makes it RETURNED exactly once", async () => {
    await harness.stock("acme", "TART", 100, 300);
    const { order } = await harness.delivered([["TART", 4]]);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        harness.kitchen.orders.returnOrderLines({
          orderId: order.orderId,
          lines: [{ lineNumber: 1, quantity: 1n }],
          reason: "",
          idempotencyKey: `tart-${i}`,
        }),
      ),
    );
    const refused = rejectionsOf(results);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(4);
    expect(refused.map((e) => e.code)).toEqual([Code.FailedPrecondition, Code.FailedPrecondition]);
    const after = (await harness.kitchen.orders.getOrder({ orderId: order.orderId })).order;
    expect(after).toMatchObject({ status: OrderStatus.RETURNED, returnedTotal: { minorUnits: 1200n } });
    expect(after?.lines[0]?.returnedQuantity).toBe(4n);
    const history = (await harness.kitchen.orders.getOrderHistory({ orderId: order.orderId })).changes;
    expect(history.filter((c) => c.toStatus === OrderStatus.RETURNED)).toHaveLength(1);
  });

  it("refuses returns of an order that is not delivered", async () => {
    const { order } = await harness.placed();
    const early = await errorOf(
      harness.kitchen.orders.returnOrderLines({
        orderId: order.orderId,
        lines: [{ lineNumber: 1, quantity: 1n }],
        reason: "",
        idempotencyKey: "e",
      }),
    );
    expect(early.code).toBe(Code.FailedPrecondition);
    expect(early.rawMessage).toBe("order is PLACED and only a DELIVERED order takes returns");
  });
});

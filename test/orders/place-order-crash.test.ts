import { Code } from "@connectrpc/connect";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderIdFor } from "../../services/orders/domain/index.js";
import { placeOrderScope } from "../../services/orders/operations/place-order.js";
import { errorOf, type OrdersHarness, orderRequest, startOrdersHarness, waitFor } from "./orders-harness.js";

let harness: OrdersHarness;
/** What the next PlaceOrder does between reserving and recording. */
let next: "continue" | "crash" | "stall" = "continue";

beforeAll(async () => {
  harness = await startOrdersHarness({
    orders: {
      async afterReserve() {
        const what = next;
        next = "continue";
        if (what === "crash") throw new Error("orders killed between reserving and recording");
        if (what === "stall") await new Promise((resolve) => setTimeout(resolve, 1_800));
      },
    },
    env: { RESERVATION_TTL_MS: "1000", RESERVATION_SWEEP_MS: "100" },
  });
  await harness.stock("acme", "CAKE", 10);
});
afterAll(() => harness?.stop());

const orderIdOf = (customerId: string, key: string) =>
  orderIdFor(placeOrderScope({ role: "customer", subject: customerId }), key);

describe("PlaceOrder interrupted between reserving and recording", () => {
  it("records no order, and the hold expires and the stock comes back", async () => {
    const { id, client } = await harness.customer();
    next = "crash";
    const crashed = await errorOf(client.orders.placeOrder(orderRequest(id, "acme", [["CAKE", 2]], "crash-1")));
    expect(crashed.code).toBe(Code.Internal);
    expect((await harness.level("acme", "CAKE")).reserved).toBe(2n);
    expect((await errorOf(harness.admin.orders.getOrder({ orderId: orderIdOf(id, "crash-1") }))).code).toBe(
      Code.NotFound,
    );
    expect((await client.orders.listOrders({})).orders).toEqual([]);

    const back = await waitFor(
      () => harness.level("acme", "CAKE"),
      (level) => level.reserved === 0n,
      10_000,
    );
    expect(back).toMatchObject({ reserved: 0n, onHand: 10n, available: 10n });
    const late = await errorOf(client.orders.placeOrder(orderRequest(id, "acme", [["CAKE", 2]], "crash-1")));
    expect(late.code).toBe(Code.Aborted);
    expect(late.rawMessage).toContain("new idempotency key");
    expect((await harness.level("acme", "CAKE")).reserved).toBe(0n);
  });

  it("re-uses the first hold when the key is retried before it expires, and the hold then stays", async () => {
    const { id, client } = await harness.customer();
    next = "crash";
    await errorOf(client.orders.placeOrder(orderRequest(id, "acme", [["CAKE", 3]], "crash-2")));
    const retried = await client.orders.placeOrder(orderRequest(id, "acme", [["CAKE", 3]], "crash-2"));
    expect(retried.order).toMatchObject({ orderId: orderIdOf(id, "crash-2"), status: OrderStatus.PLACED });
    expect((await harness.level("acme", "CAKE")).reserved).toBe(3n);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await harness.level("acme", "CAKE")).reserved).toBe(3n);
    await client.orders.cancelOrder({ orderId: retried.order!.orderId, reason: "", idempotencyKey: "cancel" });
    await waitFor(
      () => harness.level("acme", "CAKE"),
      (level) => level.reserved === 0n,
    );
  });

  it("cancels an order whose hold expired before it was confirmed and answers ABORTED", async () => {
    const { id, client } = await harness.customer();
    next = "stall";
    const slow = await errorOf(client.orders.placeOrder(orderRequest(id, "acme", [["CAKE", 4]], "slow-1")));
    expect(slow.code).toBe(Code.Aborted);
    const order = (await harness.admin.orders.getOrder({ orderId: orderIdOf(id, "slow-1") })).order;
    expect(order).toMatchObject({
      status: OrderStatus.CANCELLED,
      cancelReason: "the stock hold expired before the order was confirmed",
    });
    expect((await harness.level("acme", "CAKE")).reserved).toBe(0n);
    expect((await errorOf(client.orders.placeOrder(orderRequest(id, "acme", [["CAKE", 4]], "slow-1")))).code).toBe(
      Code.Aborted,
    );
    const fresh = await client.orders.placeOrder(orderRequest(id, "acme", [["CAKE", 4]], "slow-2"));
    expect(fresh.order?.status).toBe(OrderStatus.PLACED);
    expect((await harness.level("acme", "CAKE")).reserved).toBe(4n);
  });
});

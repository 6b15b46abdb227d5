import { Code } from "@connectrpc/connect";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InventoryDatabase } from "../../services/inventory/storage/index.js";
import { orderIdFor } from "../../services/orders/domain/index.js";
import { placeOrderScope } from "../../services/orders/operations/place-order.js";
import { errorOf, orderRequest, schemaSql, waitFor } from "../support/index.js";
import { type OrdersHarness, startOrdersHarness } from "./orders-harness.js";

let harness: OrdersHarness;
let sql: Kysely<InventoryDatabase>;
/** What the next PlaceOrder does between reserving and recording. */
let next: "continue" | "crash" | "stall" = "continue";

/** The status of an order's stock hold at Inventory. */
const holdOf = async (orderId: string) =>
  (await sql.selectFrom("reservations").select("status").where("order_id", "=", orderId).executeTakeFirst())?.status;

beforeAll(async () => {
  harness = await startOrdersHarness({
    orders: {
      async afterReserve({ orderId }) {
        const what = next;
        next = "continue";
        if (what === "crash") throw new Error("orders killed between reserving and recording");
        // Stalls until the hold has expired and the sweeper has released it.
        if (what === "stall")
          await waitFor(
            () => holdOf(orderId),
            (status) => status === "released",
          );
      },
    },
    env: { RESERVATION_TTL_MS: "1000", RESERVATION_SWEEP_MS: "100" },
  });
  sql = schemaSql<InventoryDatabase>(harness.env.databaseUrl, "inventory");
  await harness.stock("acme", "CAKE", 10);
});
afterAll(async () => {
  await sql?.destroy();
  await harness?.stop();
});

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
    // A hold left unconfirmed after this one expires later; once the sweeper has released it, it
    // has swept past this one's expiry too, and left it alone.
    next = "crash";
    await errorOf(client.orders.placeOrder(orderRequest(id, "acme", [["CAKE", 1]], "crash-3")));
    expect(
      await waitFor(
        () => holdOf(orderIdOf(id, "crash-3")),
        (status) => status === "released",
      ),
    ).toBe("released");
    expect(await holdOf(orderIdOf(id, "crash-2"))).toBe("confirmed");
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

import { Code, type ConnectError } from "@connectrpc/connect";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InventoryDatabase } from "../../services/inventory/storage/index.js";
import { errorOf, ledgerOf, orderRequest, schemaSql } from "../support/index.js";
import { type OrdersHarness, shortageOf, startOrdersHarness } from "./orders-harness.js";
import { holdStatus, orderIdOf } from "./placement-probes.js";
import { createPlacementScript } from "./placement-script.js";

const script = createPlacementScript();
let harness: OrdersHarness;
let inventorySql: Kysely<InventoryDatabase>;

beforeAll(async () => {
  harness = await startOrdersHarness({ orders: script.hooks, env: { RESERVATION_TTL_MS: "600000" } });
  inventorySql = schemaSql<InventoryDatabase>(harness.env.databaseUrl, "inventory");
});
afterAll(async () => {
  await inventorySql?.destroy();
  await harness?.stop();
});

const holdOf = (orderId: string) => holdStatus(inventorySql, orderId);

/** An answer of PlaceOrder in a comparable form: the order's id and creation time, or the refusal. */
async function answerOf(
  call: Promise<{ order?: { orderId: string; createTime?: { seconds: bigint; nanos: number } } }>,
) {
  try {
    const { order } = await call;
    return { orderId: order?.orderId, created: `${order?.createTime?.seconds}.${order?.createTime?.nanos}` };
  } catch (error) {
    const refusal = error as ConnectError;
    return {
      code: refusal.code,
      message: refusal.rawMessage,
      shortage: shortageOf(refusal)?.skus.map((s) => [s.sku, s.requested, s.available]),
    };
  }
}

describe("PlaceOrder's refusals are final", () => {
  it("answers a retried key with the same shortage after a restock, without holding anything", async () => {
    await harness.stock("final", "SKU-C", 2);
    const { id, client } = await harness.customer();
    const request = orderRequest(id, "final", [["SKU-C", 3]], "short-1");
    const refused = await answerOf(client.orders.placeOrder(request));
    expect(refused).toEqual({
      code: Code.FailedPrecondition,
      message: "not enough stock of SKU-C (3 requested and 2 available)",
      shortage: [["SKU-C", 3n, 2n]],
    });
    await harness.stock("final", "SKU-C", 5);
    const ledger = await ledgerOf(harness.admin, "final", "SKU-C");

    expect(await answerOf(client.orders.placeOrder(request))).toEqual(refused);
    expect(await holdOf(orderIdOf(id, "short-1"))).toBeUndefined();
    expect(await ledgerOf(harness.admin, "final", "SKU-C")).toEqual(ledger);
    expect((await harness.level("final", "SKU-C")).reserved).toBe(0n);
    expect((await client.orders.listOrders({})).orders).toEqual([]);
    // The same key for another order is still refused as a different request.
    const other = await errorOf(client.orders.placeOrder(orderRequest(id, "final", [["SKU-C", 1]], "short-1")));
    expect(other.rawMessage).toContain("already used for a different request");
  });

  it("answers a retried key with the same unknown SKU after the item was created", async () => {
    const { id, client } = await harness.customer();
    const request = orderRequest(id, "final", [["SKU-NEW", 1]], "unknown-1");
    const unknown = await answerOf(client.orders.placeOrder(request));
    expect(unknown).toMatchObject({ code: Code.NotFound });
    await harness.stock("final", "SKU-NEW", 5);
    expect(await answerOf(client.orders.placeOrder(request))).toEqual(unknown);
    expect((await harness.level("final", "SKU-NEW")).reserved).toBe(0n);
  });

  it("gives 20 concurrent attempts with one key the key's one refusal, although the SKU is restocked in the middle", async () => {
    await harness.stock("final", "SOLD-OUT", 0);
    const { id, client } = await harness.customer();
    const request = orderRequest(id, "final", [["SOLD-OUT", 2]], "storm-1");
    const orderId = orderIdOf(id, "storm-1");
    // 20 attempts are on their way to Inventory at once (frozen there); the first goes ahead alone.
    const gates = Array.from({ length: 20 }, () => script.stall("storm-1", "beforeReserve"));
    const calls = gates.map(() => answerOf(client.orders.placeOrder(request)));
    await Promise.all(gates.map((gate) => gate.reached));
    gates[0]!.open();
    expect((await script.outcome("storm-1")).error?.code).toBe(Code.FailedPrecondition);
    // Stock comes back before the others hold: the first of them holds it, then all find the key refused.
    await harness.stock("final", "SOLD-OUT", 10);
    for (const gate of gates.slice(1)) gate.open();

    const answers = await Promise.all(calls);
    expect(
      new Set(answers.map((answer) => JSON.stringify(answer, (_, v) => (typeof v === "bigint" ? `${v}` : v)))).size,
    ).toBe(1);
    expect(answers[0]).toMatchObject({ code: Code.FailedPrecondition, shortage: [["SOLD-OUT", 2n, 0n]] });
    expect((await client.orders.listOrders({})).orders).toEqual([]);
    expect((await harness.level("final", "SOLD-OUT")).reserved).toBe(0n);
    expect(await holdOf(orderId)).toBe("released");
    expect(await answerOf(client.orders.placeOrder(request))).toEqual(answers[0]);
  });

  it("gives 20 concurrent attempts with one key the one order that the first to record placed", async () => {
    await harness.stock("final", "PLENTY", 3);
    const { id, client } = await harness.customer();
    const request = orderRequest(id, "final", [["PLENTY", 3]], "storm-2");
    const gate = script.stall("storm-2", "beforeRecord");
    const first = answerOf(client.orders.placeOrder(request));
    await gate.reached;
    const rest = await Promise.all(Array.from({ length: 19 }, () => answerOf(client.orders.placeOrder(request))));
    gate.open();
    const answers = [await first, ...rest];
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]).toMatchObject({ orderId: orderIdOf(id, "storm-2") });
    const orders = (await client.orders.listOrders({})).orders;
    expect(orders.map((order) => [order.orderId, order.status])).toEqual([
      [orderIdOf(id, "storm-2"), OrderStatus.PLACED],
    ]);
    expect((await harness.level("final", "PLENTY")).reserved).toBe(3n);
  });
});

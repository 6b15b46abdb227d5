import { Code, type ConnectError } from "@connectrpc/connect";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InventoryDatabase } from "../../services/inventory/storage/index.js";
import type { OrdersDatabase } from "../../services/orders/storage/index.js";
import { errorOf, ledgerOf, orderRequest, schemaSql, waitFor, waitUntil } from "../support/index.js";
import { type OrdersHarness, shortageOf, startOrdersHarness } from "./orders-harness.js";
import { holdStatus, orderIdOf } from "./placement-probes.js";
import { createPlacementScript } from "./placement-script.js";

const script = createPlacementScript();
let harness: OrdersHarness;
let inventorySql: Kysely<InventoryDatabase>;
let ordersSql: Kysely<OrdersDatabase>;

/** A caller's Connect timeout, short enough that a stalled attempt outlives it. */
const shortTimeout = { timeoutMs: 1_000 };

beforeAll(async () => {
  harness = await startOrdersHarness({
    orders: script.hooks,
    // Holds would expire only after ten minutes: whatever releases one sooner is the placement sweeper.
    env: { RESERVATION_TTL_MS: "600000", PLACEMENT_GRACE_MS: "200", PLACEMENT_SWEEP_MS: "50" },
  });
  inventorySql = schemaSql<InventoryDatabase>(harness.env.databaseUrl, "inventory");
  ordersSql = schemaSql<OrdersDatabase>(harness.env.databaseUrl, "orders");
});
afterAll(async () => {
  await inventorySql?.destroy();
  await ordersSql?.destroy();
  await harness?.stop();
});

const holdOf = (orderId: string) => holdStatus(inventorySql, orderId);

/** Waits until the placement sweeper has given up the order id's placement (or it settled and was forgotten). */
const placementGone = (orderId: string) =>
  waitUntil(
    () => ordersSql.selectFrom("placements").select("state").where("order_id", "=", orderId).executeTakeFirst(),
    (row) => row === undefined,
    `the placement of ${orderId} to be swept`,
  );

/** What a refusal says, to compare two answers. */
const answerOf = (error: ConnectError) => ({
  code: error.code,
  message: error.rawMessage,
  shortage: shortageOf(error)?.skus.map((s) => [s.sku, s.requested, s.available]),
});

const noOrder = async (orderId: string) =>
  expect((await errorOf(harness.admin.orders.getOrder({ orderId }))).code).toBe(Code.NotFound);

describe("PlaceOrder under a frozen replica", () => {
  it("an attempt that wakes after its key was refused and the stock came back answers the refusal and holds nothing", async () => {
    await harness.stock("frozen", "SKU-C", 2);
    const { id, client } = await harness.customer();
    const request = orderRequest(id, "frozen", [["SKU-C", 3]], "frozen-1");
    const orderId = orderIdOf(id, "frozen-1");
    const gate = script.stall("frozen-1", "beforeReserve");
    const first = errorOf(client.orders.placeOrder(request));
    await gate.reached;

    const refused = await errorOf(client.orders.placeOrder(request));
    expect(answerOf(refused)).toEqual({
      code: Code.FailedPrecondition,
      message: refused.rawMessage,
      shortage: [["SKU-C", 3n, 2n]],
    });
    await harness.stock("frozen", "SKU-C", 5);
    gate.open();

    // It held the restocked units, found the key refused when it came to record, and gave them back.
    expect(answerOf(await first)).toEqual(answerOf(refused));
    expect(await holdOf(orderId)).toBe("released");
    expect((await harness.level("frozen", "SKU-C")).reserved).toBe(0n);
    await noOrder(orderId);
    expect(answerOf(await errorOf(client.orders.placeOrder(request)))).toEqual(answerOf(refused));
    expect((await client.orders.listOrders({})).orders).toEqual([]);
  });

  it("an attempt frozen past its deadline before holding stock is given up, and never turns the refusal into an order", async () => {
    await harness.stock("frozen", "SKU-D", 2);
    const { id, client } = await harness.customer();
    const request = orderRequest(id, "frozen", [["SKU-D", 3]], "frozen-2");
    const orderId = orderIdOf(id, "frozen-2");
    const gate = script.stall("frozen-2", "beforeReserve");
    const timedOut = await errorOf(client.orders.placeOrder(request, shortTimeout));
    expect(timedOut.code).toBe(Code.DeadlineExceeded);
    await gate.reached;
    const refused = await errorOf(client.orders.placeOrder(request, shortTimeout));
    expect(shortageOf(refused)?.skus.map((s) => s.sku)).toEqual(["SKU-D"]);
    await harness.stock("frozen", "SKU-D", 5);
    // Both deadlines passed: the sweeper releases the order id at Inventory, which holds nothing yet.
    await placementGone(orderId);
    expect(await holdOf(orderId)).toBe("released");

    gate.open();
    const late = (await script.outcome("frozen-2", 2)).error;
    // Its call to Inventory carries the deadline that has passed (DEADLINE_EXCEEDED); were it to
    // arrive anyway, it would find the released order id and answer the key's refusal.
    expect([Code.DeadlineExceeded, Code.FailedPrecondition]).toContain(late?.code);
    if (late?.code === Code.FailedPrecondition) expect(answerOf(late)).toEqual(answerOf(refused));
    expect((await harness.level("frozen", "SKU-D")).reserved).toBe(0n);
    await noOrder(orderId);
    expect(answerOf(await errorOf(client.orders.placeOrder(request)))).toEqual(answerOf(refused));
  });

  it("an attempt frozen between its last deadline check and its record records nothing once given up", async () => {
    await harness.stock("frozen", "SKU-E", 10);
    const { id, client } = await harness.customer();
    const request = orderRequest(id, "frozen", [["SKU-E", 4]], "frozen-3");
    const orderId = orderIdOf(id, "frozen-3");
    const gate = script.stall("frozen-3", "beforeRecord");
    const timedOut = errorOf(client.orders.placeOrder(request, shortTimeout));
    await gate.reached;
    expect(await holdOf(orderId)).toBe("held");
    expect((await timedOut).code).toBe(Code.DeadlineExceeded);
    await placementGone(orderId);
    expect(await holdOf(orderId)).toBe("released");

    gate.open();
    expect((await script.outcome("frozen-3")).error?.code).toBe(Code.DeadlineExceeded);
    await noOrder(orderId);
    expect((await harness.level("frozen", "SKU-E")).reserved).toBe(0n);
    // The key's placement ended without an order: a retry is told to use a new key.
    expect((await errorOf(client.orders.placeOrder(request))).code).toBe(Code.Aborted);
  });
});

describe("PlaceOrder's deadline", () => {
  it("stops a call whose Connect timeout passed while it stalled, and the sweeper gives its hold back long before the TTL", async () => {
    await harness.stock("deadline", "TEA", 10);
    const { id, client } = await harness.customer();
    const request = orderRequest(id, "deadline", [["TEA", 3]], "slow-1");
    const orderId = orderIdOf(id, "slow-1");
    const gate = script.stall("slow-1", "afterReserve");
    const timedOut = errorOf(client.orders.placeOrder(request, shortTimeout));
    await gate.reached;
    expect((await harness.level("deadline", "TEA")).reserved).toBe(3n);
    expect((await timedOut).code).toBe(Code.DeadlineExceeded);

    const back = await waitFor(
      () => harness.level("deadline", "TEA"),
      (level) => level.reserved === 0n,
    );
    expect(back.reserved).toBe(0n);
    expect((await ledgerOf(harness.admin, "deadline", "TEA")).at(-1)).toMatchObject({
      reason: LedgerReason.RELEASE,
      deltaReserved: -3n,
      reference: `${orderId} (placement abandoned after its deadline)`,
    });
    gate.open();
    expect((await script.outcome("slow-1")).error?.code).toBe(Code.DeadlineExceeded);
    await noOrder(orderId);
    expect((await harness.level("deadline", "TEA")).reserved).toBe(0n);
  });

  it("releases the hold of a placement that crashed after holding stock soon after its deadline, not at the TTL", async () => {
    await harness.stock("deadline", "MUG", 1);
    const { id, client } = await harness.customer();
    const orderId = orderIdOf(id, "crash-1");
    script.crash("crash-1", "afterReserve");
    const crashed = await errorOf(
      client.orders.placeOrder(orderRequest(id, "deadline", [["MUG", 1]], "crash-1"), { timeoutMs: 1_000 }),
    );
    expect(crashed.code).toBe(Code.Internal);
    expect(await holdOf(orderId)).toBe("held");
    // The last unit is held by an order that will never exist: another customer is refused for now.
    const other = await harness.customer();
    const refused = await errorOf(
      other.client.orders.placeOrder(orderRequest(other.id, "deadline", [["MUG", 1]], "after-crash-1")),
    );
    expect(refused.code).toBe(Code.FailedPrecondition);

    expect(
      await waitFor(
        () => holdOf(orderId),
        (status) => status === "released",
      ),
    ).toBe("released");
    expect((await harness.level("deadline", "MUG")).available).toBe(1n);
    const later = await other.client.orders.placeOrder(
      orderRequest(other.id, "deadline", [["MUG", 1]], "after-crash-2"),
    );
    expect(later.order?.status).toBe(OrderStatus.PLACED);
  });

  it("never releases the hold of a recorded order, even when its confirmation comes after the deadline", async () => {
    await harness.stock("deadline", "JUG", 10);
    const { id, client } = await harness.customer();
    const request = orderRequest(id, "deadline", [["JUG", 2]], "late-confirm-1");
    const orderId = orderIdOf(id, "late-confirm-1");
    const gate = script.stall("late-confirm-1", "afterRecord");
    const timedOut = errorOf(client.orders.placeOrder(request, shortTimeout));
    await gate.reached;
    expect((await timedOut).code).toBe(Code.DeadlineExceeded);
    // The sweeper has passed the deadline and the grace: it forgot the settled placement.
    await placementGone(orderId);
    expect(["held", "confirmed"]).toContain(await holdOf(orderId));
    expect((await harness.level("deadline", "JUG")).reserved).toBe(2n);

    gate.open();
    expect((await script.outcome("late-confirm-1")).error).toBeUndefined();
    expect(await holdOf(orderId)).toBe("confirmed");
    expect((await harness.admin.orders.getOrder({ orderId })).order?.status).toBe(OrderStatus.PLACED);
    expect((await client.orders.placeOrder(request)).order?.orderId).toBe(orderId);
    expect((await harness.level("deadline", "JUG")).reserved).toBe(2n);
  });
});

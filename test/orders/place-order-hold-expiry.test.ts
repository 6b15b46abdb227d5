import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InventoryDatabase } from "../../services/inventory/storage/index.js";
import { errorOf, orderRequest, schemaSql, waitUntil } from "../support/index.js";
import { type OrdersHarness, startOrdersHarness } from "./orders-harness.js";
import { holdStatus, orderIdOf } from "./placement-probes.js";
import { createPlacementScript } from "./placement-script.js";

const script = createPlacementScript();
let harness: OrdersHarness;
let inventorySql: Kysely<InventoryDatabase>;

/**
 * Holds live 4 s and PlaceOrder at most 2.5 s, so an order may be recorded on its hold without a
 * synchronous ConfirmReservation until 1 s (the clock margin) before the hold expires. The
 * placement sweeper is off: only the record's own time limit can stop a late attempt.
 */
const settings = {
  RESERVATION_TTL_MS: "4000",
  RESERVATION_SWEEP_MS: "50",
  HOLD_CLOCK_MARGIN_MS: "1000",
  PLACE_ORDER_DEADLINE_MS: "2500",
  PLACEMENT_SWEEP_MS: "3600000",
};

beforeAll(async () => {
  harness = await startOrdersHarness({ orders: script.hooks, env: settings });
  inventorySql = schemaSql<InventoryDatabase>(harness.env.databaseUrl, "inventory");
});
afterAll(async () => {
  await inventorySql?.destroy();
  await harness?.stop();
});

/** The hold's expiry, and PostgreSQL's clock now. */
const holdClock = (orderId: string) =>
  inventorySql
    .selectFrom("reservations")
    .select(["status", "expire_at", sql<Date>`now()`.as("now")])
    .where("order_id", "=", orderId)
    .executeTakeFirstOrThrow();

describe("PlaceOrder without a synchronous ConfirmReservation", () => {
  it("never records an order whose hold has expired and been released, however late the attempt wakes", async () => {
    await harness.stock("late", "SKU-L", 5);
    const { id, client } = await harness.customer();
    const orderId = orderIdOf(id, "late-1");
    const gate = script.stall("late-1", "beforeRecord");
    const attempt = errorOf(client.orders.placeOrder(orderRequest(id, "late", [["SKU-L", 2]], "late-1")));
    await gate.reached;
    expect(await holdStatus(inventorySql, orderId)).toBe("held");

    // Frozen between the hold and the record until the hold expired and the sweeper gave the stock back.
    await waitUntil(
      () => holdStatus(inventorySql, orderId),
      (status) => status === "released",
      "the hold to expire",
      20_000,
    );
    expect((await harness.level("late", "SKU-L")).reserved).toBe(0n);
    gate.open();

    expect((await attempt).code).toBe(Code.DeadlineExceeded);
    expect((await errorOf(harness.admin.orders.getOrder({ orderId }))).code).toBe(Code.NotFound);
    expect(await holdStatus(inventorySql, orderId)).toBe("released");
    expect(await harness.level("late", "SKU-L")).toMatchObject({ onHand: 5n, reserved: 0n });
  });

  it("records an order on its held stock and Inventory confirms the hold from OrderPlaced, before it would expire", async () => {
    await harness.stock("prompt", "SKU-P", 5);
    const { id, client } = await harness.customer();
    const placed = await client.orders.placeOrder(orderRequest(id, "prompt", [["SKU-P", 2]], "prompt-1"));
    const orderId = placed.order!.orderId;

    await waitUntil(
      () => holdStatus(inventorySql, orderId),
      (status) => status === "confirmed",
      "the hold to be confirmed",
    );
    const confirmed = await holdClock(orderId);
    expect(confirmed.expire_at).toBeNull();
    // Past the time the hold would have expired, the stock is still held for the order.
    const expiredBy = new Date(timestampDate(placed.order!.createTime!).getTime() + 5_000);
    await waitUntil(
      () => sql<{ passed: boolean }>`select now() > ${expiredBy}::timestamptz as passed`.execute(inventorySql),
      (result) => result.rows[0]?.passed === true,
      "the hold's time to live to pass",
      20_000,
    );
    expect(await holdStatus(inventorySql, orderId)).toBe("confirmed");
    expect(await harness.level("prompt", "SKU-P")).toMatchObject({ onHand: 5n, reserved: 2n });
  });
});

import { Code, type ConnectError } from "@connectrpc/connect";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Waybill } from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerOf, orderRequest, rejectionsOf, sumLedger } from "../support/index.js";
import { type OrdersHarness, shortageOf, startOrdersHarness } from "./orders-harness.js";

let harness: OrdersHarness;
/** 20 customers, each with their own SDK client: half over gRPC, half over the Connect protocol. */
let shoppers: { readonly id: string; readonly client: Waybill }[];

beforeAll(async () => {
  harness = await startOrdersHarness();
  shoppers = await Promise.all(
    Array.from({ length: 20 }, (_, i) => harness.customer(i % 2 === 0 ? "grpc" : "connect")),
  );
}, 60_000);
afterAll(() => harness?.stop());

/** Places `count` orders at once, spread over the shoppers; returns the placed orders and the errors. */
async function rush(count: number, lines: (i: number) => readonly (readonly [string, number])[], keyPrefix: string) {
  const settled = await Promise.allSettled(
    Array.from({ length: count }, (_, i) => {
      const shopper = shoppers[i % shoppers.length]!;
      return shopper.client.orders.placeOrder(orderRequest(shopper.id, "rush", lines(i), `${keyPrefix}-${i}`));
    }),
  );
  const placed = settled.flatMap((r) => (r.status === "fulfilled" && r.value.order ? [r.value.order] : []));
  return { placed, errors: rejectionsOf(settled) };
}

/** Inventory's rebuild, replaying every ledger of the brand, finds no level that differs from it. */
async function expectRebuildAgrees() {
  const rebuilt = await harness.admin.inventory.rebuildStock({ brandId: "rush" });
  expect(rebuilt.differences).toEqual([]);
  expect(rebuilt.snapshotDifferences).toEqual([]);
}

/** The level, the ledger and a replay of the ledger agree, and nothing is negative. */
async function expectInventoryAgrees(
  sku: string,
  expected: { readonly onHand: bigint; readonly reserved: bigint; readonly reserves: number },
) {
  const level = await harness.level("rush", sku);
  expect({ onHand: level.onHand, reserved: level.reserved, available: level.available }).toEqual({
    onHand: expected.onHand,
    reserved: expected.reserved,
    available: expected.onHand - expected.reserved,
  });
  expect(level.available >= 0n && level.reserved >= 0n && level.onHand >= 0n).toBe(true);
  const ledger = await ledgerOf(harness.admin, "rush", sku);
  expect(sumLedger(ledger)).toEqual({
    onHand: Number(level.onHand),
    reserved: Number(level.reserved),
    reserves: expected.reserves,
  });
  expect(BigInt(ledger.length)).toBe(level.ledgerSequence);
}

/** Every refusal is FAILED_PRECONDITION with a StockShortage naming the hot SKU. */
function expectShortages(errors: readonly ConnectError[], hotSku: string, requested: bigint) {
  for (const error of errors) {
    expect(error.code, error.rawMessage).toBe(Code.FailedPrecondition);
    const hot = shortageOf(error)?.skus.find((s) => s.sku === hotSku);
    expect(hot?.requested).toBe(requested);
    expect(hot!.available < requested).toBe(true);
  }
}

describe("PlaceOrder under concurrency", () => {
  it("sells exactly 50 of 50 units to 200 concurrent orders", async () => {
    await harness.stock("rush", "HOT-1", 50);
    const { placed, errors } = await rush(200, () => [["HOT-1", 1]], "solo");
    expect(placed).toHaveLength(50);
    expect(errors).toHaveLength(150);
    expectShortages(errors, "HOT-1", 1n);
    await expectInventoryAgrees("HOT-1", { onHand: 50n, reserved: 50n, reserves: 50 });
    await expectRebuildAgrees();
    const listed = await harness.admin.orders.listOrders({ brandId: "rush", page: { pageSize: 500 } });
    const hotOrders = listed.orders.filter((o) => o.lines.some((l) => l.sku === "HOT-1"));
    expect(hotOrders.map((o) => o.orderId).sort()).toEqual(placed.map((o) => o.orderId).sort());
    expect(hotOrders.every((o) => o.status === OrderStatus.PLACED)).toBe(true);
  });

  it("holds all lines or none when orders mix a hot SKU with others", async () => {
    await harness.stock("rush", "HOT-2", 50);
    const cold = ["COLD-A", "COLD-B", "COLD-C", "COLD-D"];
    for (const sku of cold) await harness.stock("rush", sku, 1000);
    const { placed, errors } = await rush(
      200,
      (i) => [
        ["HOT-2", 1],
        [cold[i % cold.length]!, 2],
      ],
      "mixed",
    );
    expect(placed).toHaveLength(50);
    expect(errors).toHaveLength(150);
    expectShortages(errors, "HOT-2", 1n);
    await expectInventoryAgrees("HOT-2", { onHand: 50n, reserved: 50n, reserves: 50 });
    for (const sku of cold) {
      const sold = placed.filter((o) => o.lines.some((l) => l.sku === sku)).length;
      await expectInventoryAgrees(sku, { onHand: 1000n, reserved: BigInt(2 * sold), reserves: sold });
    }
    await expectRebuildAgrees();
  });

  it("sums a SKU repeated in an order, so 50 units serve exactly 25 orders of 2", async () => {
    await harness.stock("rush", "HOT-3", 50);
    await harness.stock("rush", "SIDE", 1000);
    const { placed, errors } = await rush(
      200,
      () => [
        ["HOT-3", 1],
        ["SIDE", 1],
        ["HOT-3", 1],
      ],
      "twice",
    );
    expect(placed).toHaveLength(25);
    expect(errors).toHaveLength(175);
    expectShortages(errors, "HOT-3", 2n);
    expect(placed.every((o) => o.lines.length === 3 && o.totalUnits === 3n)).toBe(true);
    await expectInventoryAgrees("HOT-3", { onHand: 50n, reserved: 50n, reserves: 25 });
    await expectInventoryAgrees("SIDE", { onHand: 1000n, reserved: 25n, reserves: 25 });
    await expectRebuildAgrees();
  });
});

import { Code } from "@connectrpc/connect";
import { LedgerReason, StockShortageSchema } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerOf, levelOf, orderId, rejectionsOf, stockedItem, sumLedger } from "../support/index.js";
import { type InventoryHarness, startInventoryHarness } from "./helpers/inventory-harness.js";

let h: InventoryHarness;
let acme: Waybill;
let admin: Waybill;
let services: Waybill[];

beforeAll(async () => {
  h = await startInventoryHarness({ STOCK_SNAPSHOT_EVERY: "7" });
  ({ acme, admin } = h);
  services = await Promise.all(Array.from({ length: 4 }, () => h.as("service", undefined, "grpc")));
});
afterAll(() => h?.stop());

type Line = { readonly sku: string; readonly quantity: bigint };

/** Fires every order at once (spread over several HTTP/2 connections) and sorts the outcomes. */
async function reserveAll(orders: readonly (readonly Line[])[]) {
  const results = await Promise.allSettled(
    orders.map((lines, i) =>
      services[i % services.length]!.inventory.reserveStock({ orderId: orderId(), brandId: "acme", lines: [...lines] }),
    ),
  );
  const refusals = rejectionsOf(results);
  expect(refusals.filter((e) => e.code !== Code.FailedPrecondition).map((e) => `${e.code} ${e.rawMessage}`)).toEqual(
    [],
  );
  for (const refusal of refusals) expect(refusal.findDetails(StockShortageSchema)[0]?.skus.length).toBeGreaterThan(0);
  return { held: results.filter((r) => r.status === "fulfilled").length, refused: refusals.length };
}

/** The live level equals the sum of the ledger, sequences are 1..n, and a rebuild finds nothing. */
async function expectConsistent(skus: readonly string[]) {
  for (const sku of skus) {
    const level = await levelOf(acme, "acme", sku);
    const entries = await ledgerOf(acme, "acme", sku);
    expect(entries.map((e) => Number(e.sequence))).toEqual(entries.map((_, i) => i + 1));
    const { onHand, reserved } = sumLedger(entries);
    expect({ onHand: level.onHand, reserved: level.reserved, sequence: level.sequence }).toEqual({
      onHand,
      reserved,
      sequence: entries.length,
    });
    expect(level.available).toBeGreaterThanOrEqual(0);
  }
  const rebuild = await admin.inventory.rebuildStock({ brandId: "acme" });
  expect(rebuild.differences).toEqual([]);
  expect(rebuild.snapshotDifferences).toEqual([]);
  expect(rebuild.snapshotsChecked).toBeGreaterThan(0n);
}

describe("ReserveStock under concurrency", () => {
  it("holds exactly the 50 units of a SKU for 200 concurrent orders", async () => {
    await stockedItem(acme, "acme", "HOT", 50);
    const outcome = await reserveAll(Array.from({ length: 200 }, () => [{ sku: "HOT", quantity: 1n }]));
    expect(outcome).toEqual({ held: 50, refused: 150 });
    expect(await levelOf(acme, "acme", "HOT")).toMatchObject({ onHand: 50, reserved: 50, available: 0, sequence: 51 });
    expect((await ledgerOf(acme, "acme", "HOT")).filter((e) => e.reason === LedgerReason.RESERVE)).toHaveLength(50);
    await expectConsistent(["HOT"]);
  });

  it("never deadlocks or oversells multi-line orders mixing a hot SKU with others in any line order", async () => {
    const cold = ["C-1", "C-2"];
    await stockedItem(acme, "acme", "HOT-2", 150);
    for (const sku of cold) await stockedItem(acme, "acme", sku, 1_000);
    // Opposite line orders over the same SKUs: only the server's fixed lock order prevents
    // deadlocks (A holds C-1 and HOT-2 waiting for C-2 while B holds C-2 waiting for C-1).
    const forward = [
      { sku: "C-1", quantity: 2n },
      { sku: "HOT-2", quantity: 1n },
      { sku: "C-2", quantity: 1n },
    ];
    const backward = [
      { sku: "C-2", quantity: 1n },
      { sku: "C-1", quantity: 2n },
      { sku: "HOT-2", quantity: 1n },
    ];
    const orders = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? forward : backward));
    const outcome = await reserveAll(orders);
    expect(outcome).toEqual({ held: 150, refused: 50 });
    expect(await levelOf(acme, "acme", "HOT-2")).toMatchObject({ reserved: 150, available: 0 });
    const coldReserved = await Promise.all(cold.map(async (sku) => (await levelOf(acme, "acme", sku)).reserved));
    expect(coldReserved.reduce((a, b) => a + b, 0)).toBe(150 * 3);
    await expectConsistent(["HOT-2", ...cold]);
  });

  it("sums a SKU repeated in an order before holding it", async () => {
    await stockedItem(acme, "acme", "HOT-3", 30);
    const outcome = await reserveAll(
      Array.from({ length: 200 }, () => [
        { sku: "HOT-3", quantity: 1n },
        { sku: "HOT-3", quantity: 2n },
      ]),
    );
    expect(outcome).toEqual({ held: 10, refused: 190 });
    expect(await levelOf(acme, "acme", "HOT-3")).toMatchObject({
      onHand: 30,
      reserved: 30,
      available: 0,
      sequence: 11,
    });
    const reserves = (await ledgerOf(acme, "acme", "HOT-3")).filter((e) => e.reason === LedgerReason.RESERVE);
    expect(reserves.map((e) => e.deltaReserved)).toEqual(Array.from({ length: 10 }, () => 3n));
    await expectConsistent(["HOT-3"]);
  });
});

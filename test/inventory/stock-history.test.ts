import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import { type LedgerEntry, LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InventoryDatabase } from "../../services/inventory/storage/inventory-database.js";
import { clockPast, errorOf, itemRequest, ledgerOf, orderId, readPages, stockedItem } from "../support/index.js";
import { type InventoryHarness, startInventoryHarness } from "./helpers/inventory-harness.js";

let h: InventoryHarness;
let acme: Waybill;
let admin: Waybill;
let sql: Kysely<InventoryDatabase>;

beforeAll(async () => {
  h = await startInventoryHarness({ STOCK_SNAPSHOT_EVERY: "3" });
  ({ acme, admin, sql } = h);
});
afterAll(() => h?.stop());

/** Ten ledger entries of one item, each stamped a later millisecond than the one before, with the level after each. */
async function tenChanges(sku: string) {
  await acme.inventory.createItem(itemRequest("acme", sku));
  const service = await h.as("service");
  const after: { entry: LedgerEntry; onHand: bigint; reserved: bigint }[] = [];
  for (let i = 1; i <= 10; i++) {
    const previous = after.at(-1)?.entry.createTime;
    if (previous) await clockPast(timestampDate(previous));
    if (i % 4 === 0) {
      await service.inventory.reserveStock({ orderId: orderId(), brandId: "acme", lines: [{ sku, quantity: 1n }] });
      const entry = (await ledgerOf(acme, "acme", sku)).at(-1)!;
      const { stock } = await acme.inventory.getStock({ brandId: "acme", sku });
      after.push({ entry, onHand: stock!.onHand, reserved: stock!.reserved });
    } else {
      const { entry, stock } = await acme.inventory.adjustStock({
        brandId: "acme",
        sku,
        delta: BigInt(i),
        reason: LedgerReason.RESTOCK,
        idempotencyKey: `${sku}-${i}`,
      });
      after.push({ entry: entry!, onHand: stock!.onHand, reserved: stock!.reserved });
    }
  }
  return after;
}

describe("GetStock as of a past time", () => {
  it("answers every past level from the latest snapshot plus the entries after it", async () => {
    const history = await tenChanges("ASOF");
    const snapshots = await sql
      .selectFrom("stock_snapshots")
      .select(["sequence", "on_hand", "reserved"])
      .where("sku", "=", "ASOF")
      .orderBy("sequence")
      .execute();
    expect(snapshots.map((s) => s.sequence)).toEqual([3, 6, 9]);
    for (const snapshot of snapshots) {
      const level = history[snapshot.sequence - 1]!;
      expect([snapshot.on_hand, snapshot.reserved]).toEqual([Number(level.onHand), Number(level.reserved)]);
    }
    for (const { entry, onHand, reserved } of history) {
      const { stock } = await acme.inventory.getStock({ brandId: "acme", sku: "ASOF", asOfTime: entry.createTime });
      expect({ onHand: stock?.onHand, reserved: stock?.reserved, sequence: stock?.ledgerSequence }).toEqual({
        onHand,
        reserved,
        sequence: entry.sequence,
      });
      expect(stock?.asOfTime).toEqual(entry.createTime);
    }
    const first = timestampDate(history[0]!.entry.createTime!);
    const before = await acme.inventory.getStock({
      brandId: "acme",
      sku: "ASOF",
      asOfTime: timestampFromDate(new Date(first.getTime() - 1)),
    });
    expect(before.stock).toMatchObject({ onHand: 0n, reserved: 0n, ledgerSequence: 0n });
    const now = await acme.inventory.getStock({ brandId: "acme", sku: "ASOF" });
    const future = await acme.inventory.getStock({
      brandId: "acme",
      sku: "ASOF",
      asOfTime: timestampFromDate(new Date(Date.now() + 60_000)),
    });
    expect(future.stock).toMatchObject({
      onHand: now.stock?.onHand,
      reserved: now.stock?.reserved,
      ledgerSequence: 10n,
    });
  });

  it("reads the snapshot rather than the whole ledger, and RebuildStock finds and repairs a wrong snapshot", async () => {
    const history = await tenChanges("SNAP");
    await sql
      .updateTable("stock_snapshots")
      .set({ on_hand: 999 })
      .where("sku", "=", "SNAP")
      .where("sequence", "=", 6)
      .execute();
    const atSeven = history[6]!;
    const tampered = await acme.inventory.getStock({
      brandId: "acme",
      sku: "SNAP",
      asOfTime: atSeven.entry.createTime,
    });
    expect(tampered.stock?.onHand).not.toBe(atSeven.onHand);

    const report = await admin.inventory.rebuildStock({ brandId: "acme" });
    expect(report.differences).toEqual([]);
    expect(
      report.snapshotDifferences.map((d) => [d.live?.sku, d.live?.ledgerSequence, d.live?.onHand, d.rebuilt?.onHand]),
    ).toEqual([["SNAP", 6n, 999n, history[5]!.onHand]]);
    await admin.inventory.rebuildStock({ brandId: "acme", repair: true });
    expect((await admin.inventory.rebuildStock({ brandId: "acme" })).snapshotDifferences).toEqual([]);
    const repaired = await acme.inventory.getStock({
      brandId: "acme",
      sku: "SNAP",
      asOfTime: atSeven.entry.createTime,
    });
    expect(repaired.stock?.onHand).toBe(atSeven.onHand);
  });
});

describe("GetStockHistory", () => {
  it("pages the ledger oldest first with a token bound to the item", async () => {
    await stockedItem(acme, "acme", "HIST", 0);
    for (let i = 1; i <= 10; i++) {
      await acme.inventory.adjustStock({
        brandId: "acme",
        sku: "HIST",
        delta: BigInt(i),
        reason: LedgerReason.RESTOCK,
        reference: `PO-${i}`,
        idempotencyKey: `hist-${i}`,
      });
    }
    const pages = await readPages(async (pageToken) => {
      const page = await acme.inventory.getStockHistory({
        brandId: "acme",
        sku: "HIST",
        page: { pageSize: 4, pageToken },
      });
      return [page.entries.map((e) => e.sequence), page.page?.nextPageToken];
    });
    expect(pages).toEqual([
      [1n, 2n, 3n, 4n],
      [5n, 6n, 7n, 8n],
      [9n, 10n],
    ]);
    await stockedItem(acme, "acme", "HIST-OTHER", 1);
    const firstPage = await acme.inventory.getStockHistory({ brandId: "acme", sku: "HIST", page: { pageSize: 1 } });
    const elsewhere = await errorOf(
      acme.inventory.getStockHistory({
        brandId: "acme",
        sku: "HIST-OTHER",
        page: { pageSize: 1, pageToken: firstPage.page!.nextPageToken },
      }),
    );
    expect(elsewhere.code).toBe(Code.InvalidArgument);
    const [first] = firstPage.entries;
    expect(first).toMatchObject({
      deltaOnHand: 1n,
      reason: LedgerReason.RESTOCK,
      reference: "PO-1",
      actor: "brand-test",
      idempotencyKey: "hist-1",
    });
    expect((await errorOf(acme.inventory.getStockHistory({ brandId: "acme", sku: "NOPE" }))).code).toBe(Code.NotFound);
    const globex = await h.as("brand", "globex");
    expect((await errorOf(globex.inventory.getStockHistory({ brandId: "acme", sku: "HIST" }))).code).toBe(
      Code.PermissionDenied,
    );
  });
});

describe("RebuildStock", () => {
  it("finds a tampered level, repairs it on request, and is for admins only", async () => {
    await stockedItem(acme, "acme", "TAMPER", 12);
    await stockedItem(acme, "acme", "FINE", 3);
    const clean = await admin.inventory.rebuildStock({});
    expect(clean.differences).toEqual([]);
    expect(clean.itemsChecked).toBeGreaterThanOrEqual(2n);
    expect(clean.entriesReplayed).toBeGreaterThanOrEqual(2n);

    await sql.updateTable("stock_levels").set({ on_hand: 40, reserved: 1 }).where("sku", "=", "TAMPER").execute();
    const found = await admin.inventory.rebuildStock({ brandId: "acme" });
    expect(
      found.differences.map((d) => [
        d.live?.sku,
        d.live?.onHand,
        d.live?.reserved,
        d.rebuilt?.onHand,
        d.rebuilt?.reserved,
        d.rebuilt?.ledgerSequence,
      ]),
    ).toEqual([["TAMPER", 40n, 1n, 12n, 0n, 1n]]);
    expect((await acme.inventory.getStock({ brandId: "acme", sku: "TAMPER" })).stock?.onHand).toBe(40n);
    expect((await admin.inventory.rebuildStock({ brandId: "globex" })).differences).toEqual([]);

    const repaired = await admin.inventory.rebuildStock({ brandId: "acme", repair: true });
    expect(repaired.differences).toHaveLength(1);
    expect((await acme.inventory.getStock({ brandId: "acme", sku: "TAMPER" })).stock).toMatchObject({
      onHand: 12n,
      reserved: 0n,
      available: 12n,
    });
    expect((await admin.inventory.rebuildStock({})).differences).toEqual([]);
    expect((await errorOf(acme.inventory.rebuildStock({ brandId: "acme" }))).code).toBe(Code.PermissionDenied);
  });
});

import { Code } from "@connectrpc/connect";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  changeStock,
  errorOf,
  eventsSettled,
  itemRequest,
  readPages,
  rejectionsOf,
  stockedItem,
} from "./support/index.js";
import { startTestWaybill, type TestWaybill } from "./support/test-waybill.js";

let waybill: TestWaybill;
let acme: Waybill;

beforeAll(async () => {
  waybill = await startTestWaybill();
  acme = await waybill.as("brand", "acme");
});
afterAll(() => waybill?.stop());

describe("items", () => {
  it("creates, gets and refuses a duplicate SKU, while a retry with the key replays the answer", async () => {
    const first = await acme.inventory.createItem(itemRequest("acme", "MUG-1"));
    expect(first.item).toMatchObject({ brandId: "acme", sku: "MUG-1", stock: { onHand: 0n, available: 0n } });
    const replay = await acme.inventory.createItem(itemRequest("acme", "MUG-1"));
    expect(replay.item?.createTime).toEqual(first.item?.createTime);
    const duplicate = await errorOf(
      acme.inventory.createItem({ ...itemRequest("acme", "MUG-1"), idempotencyKey: "another-key" }),
    );
    expect(duplicate.code).toBe(Code.AlreadyExists);
    const reused = await errorOf(
      acme.inventory.createItem({ ...itemRequest("acme", "MUG-2"), idempotencyKey: "create-acme-MUG-1" }),
    );
    expect(reused.code).toBe(Code.FailedPrecondition);
    expect((await acme.inventory.getItem({ brandId: "acme", sku: "MUG-1" })).item?.name).toBe("Item MUG-1");
    expect((await errorOf(acme.inventory.getItem({ brandId: "acme", sku: "NONE" }))).code).toBe(Code.NotFound);
  });

  it("pages items with a cursor, filters them, and scopes them to the caller's brand", async () => {
    for (let i = 0; i < 7; i++) await acme.inventory.createItem(itemRequest("acme", `PAGE-${i}`));
    const globex = await waybill.as("brand", "globex");
    await globex.inventory.createItem(itemRequest("globex", "G-1"));

    const pages = await readPages(async (pageToken) => {
      const response = await acme.inventory.listItems({ query: "page-", page: { pageSize: 3, pageToken } });
      return [response.items.map((i) => i.sku), response.page?.nextPageToken];
    });
    expect(pages.flat()).toEqual(["PAGE-0", "PAGE-1", "PAGE-2", "PAGE-3", "PAGE-4", "PAGE-5", "PAGE-6"]);
    expect(pages).toHaveLength(3);

    const own = await acme.inventory.listItems({});
    expect(own.items.every((i) => i.brandId === "acme")).toBe(true);
    const admin = await waybill.as("admin");
    const all = await admin.inventory.listItems({});
    expect(new Set(all.items.map((i) => i.brandId))).toEqual(new Set(["acme", "globex"]));

    const forged = await errorOf(acme.inventory.listItems({ page: { pageToken: "not-a-token" } }));
    expect(forged.code).toBe(Code.InvalidArgument);
  });
});

describe("AdjustStock", () => {
  it("restocks, writes a ledger entry, replays on retry and refuses going below zero", async () => {
    await acme.inventory.createItem(itemRequest("acme", "TEA"));
    const restock = {
      brandId: "acme",
      sku: "TEA",
      delta: 10n,
      reason: LedgerReason.RESTOCK,
      reference: "PO-1",
      idempotencyKey: "restock-tea-1",
    };
    const first = await acme.inventory.adjustStock(restock);
    expect(first.stock).toMatchObject({ onHand: 10n, reserved: 0n, available: 10n, ledgerSequence: 1n });
    expect(first.entry).toMatchObject({
      sequence: 1n,
      deltaOnHand: 10n,
      reason: LedgerReason.RESTOCK,
      reference: "PO-1",
      actor: "brand-test",
    });
    const again = await acme.inventory.adjustStock(restock);
    expect(again.entry?.sequence).toBe(1n);
    expect((await acme.inventory.getItem({ brandId: "acme", sku: "TEA" })).item?.stock?.onHand).toBe(10n);

    const tooMuch = await errorOf(
      acme.inventory.adjustStock({
        ...restock,
        delta: -11n,
        reason: LedgerReason.ADJUSTMENT,
        idempotencyKey: "loss-1",
      }),
    );
    expect(tooMuch.code).toBe(Code.FailedPrecondition);
    expect(tooMuch.rawMessage).toContain("available 10");
    const zero = await errorOf(acme.inventory.adjustStock({ ...restock, delta: 0n, idempotencyKey: "zero" }));
    expect(zero.code).toBe(Code.InvalidArgument);
    const reserveReason = await errorOf(
      acme.inventory.adjustStock({ ...restock, reason: LedgerReason.RESERVE, idempotencyKey: "bad-reason" }),
    );
    expect(reserveReason.code).toBe(Code.InvalidArgument);
  });

  it("never takes stock below zero under concurrent corrections", async () => {
    await stockedItem(acme, "acme", "HOT", 25);
    const clients = await Promise.all(Array.from({ length: 8 }, () => waybill.as("brand", "acme")));
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        clients[i % clients.length]!.inventory.adjustStock({
          brandId: "acme",
          sku: "HOT",
          delta: -1n,
          reason: LedgerReason.ADJUSTMENT,
          idempotencyKey: `hot-${i}`,
        }),
      ),
    );
    const succeeded = results.filter((r) => r.status === "fulfilled").length;
    const refused = rejectionsOf(results).map((error) => error.code);
    expect(succeeded).toBe(25);
    expect(refused).toEqual(Array.from({ length: 35 }, () => Code.FailedPrecondition));
    const stock = (await acme.inventory.getItem({ brandId: "acme", sku: "HOT" })).item?.stock;
    expect(stock).toMatchObject({ onHand: 0n, available: 0n, ledgerSequence: 26n });
  });
});

describe("events reach Notifications", () => {
  it("records every stock change once in the brand's activity feed, with one low-stock alert per crossing", async () => {
    await acme.inventory.createItem(itemRequest("acme", "LAMP", { threshold: 3n })); // created with 0 at or below 3: low and out
    const adjust = (delta: bigint, key: string) => changeStock(acme, "acme", "LAMP", delta, key);
    await adjust(10n, "lamp-1");
    await adjust(-7n, "lamp-2"); // 3 left: low
    await adjust(-1n, "lamp-3"); // still low: no second alert
    await adjust(-2n, "lamp-4"); // zero: out of stock
    await adjust(-2n, "lamp-4").catch(() => undefined); // retried key: replay, no new event

    // Once every event has been handled, the feed holds all it ever will of these changes.
    await eventsSettled(waybill.env);
    const entries = (
      await acme.notifications.listActivity({ brandId: "acme", page: { pageSize: 100 } })
    ).entries.filter((e) => e.aggregateId === "acme/LAMP");
    expect(entries.map((e) => e.summary).reverse()).toEqual([
      "LAMP added to the catalogue as Item LAMP",
      "LAMP is low on stock (0 left, threshold 3)",
      "LAMP is out of stock",
      "LAMP restocked +10 (available 10)",
      "LAMP adjusted -7 (available 3)",
      "LAMP is low on stock (3 left, threshold 3)",
      "LAMP adjusted -1 (available 2)",
      "LAMP adjusted -2 (available 0)",
      "LAMP is out of stock",
    ]);
    expect(new Set(entries.map((e) => e.eventId)).size).toBe(entries.length);

    const other = await waybill.as("brand", "globex");
    expect((await errorOf(other.notifications.listActivity({ brandId: "acme" }))).code).toBe(Code.PermissionDenied);
  });
});

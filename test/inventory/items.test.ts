import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import { SortDirection } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import {
  ItemSortField,
  LedgerReason,
  ReservationStatus,
  StockShortageSchema,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InventoryDatabase } from "../../services/inventory/storage/inventory-database.js";
import { eventTables } from "../../services/kit/events/event-tables.js";
import { allPages, clockPast, errorOf, itemRequest, ledgerOf, stockedItem } from "../support/index.js";
import { type InventoryHarness, startInventoryHarness } from "./helpers/inventory-harness.js";

let h: InventoryHarness;
let acme: Waybill;
let sql: Kysely<InventoryDatabase>;

beforeAll(async () => {
  h = await startInventoryHarness();
  ({ acme, sql } = h);
});
afterAll(() => h?.stop());

describe("UpdateItem", () => {
  it("changes only the fields in the mask, replays a retry and announces the change", async () => {
    await acme.inventory.createItem(itemRequest("acme", "UPD-1", { price: 300n, threshold: 2n, name: "Old name" }));
    const request = {
      brandId: "acme",
      sku: "UPD-1",
      name: "New name",
      unitPrice: { currencyCode: "USD", minorUnits: 999n },
      lowStockThreshold: 7n,
      updateMask: { paths: ["name", "lowStockThreshold"] },
      idempotencyKey: "upd-1",
    };
    const { item } = await acme.inventory.updateItem(request);
    expect(item).toMatchObject({
      name: "New name",
      lowStockThreshold: 7n,
      unitPrice: { currencyCode: "EUR", minorUnits: 300n },
    });
    const replay = await acme.inventory.updateItem(request);
    expect(replay.item?.updateTime).toEqual(item?.updateTime);
    const priced = await acme.inventory.updateItem({
      ...request,
      updateMask: { paths: ["unit_price"] },
      idempotencyKey: "upd-2",
    });
    expect(priced.item).toMatchObject({
      name: "New name",
      lowStockThreshold: 7n,
      unitPrice: { currencyCode: "USD", minorUnits: 999n },
    });
    const events = await eventTables(sql, "inventory")
      .selectFrom("outbox")
      .select("id")
      .where("event_type", "=", "waybill.inventory.v1.ItemUpdated")
      .where("aggregate_id", "=", "acme/UPD-1")
      .execute();
    expect(events).toHaveLength(2);
  });

  it("refuses an empty or unknown mask, an empty name, another brand's item and an unknown one", async () => {
    await acme.inventory.createItem(itemRequest("acme", "UPD-2"));
    const base = { brandId: "acme", sku: "UPD-2", name: "", lowStockThreshold: 0n, idempotencyKey: "bad" };
    expect((await errorOf(acme.inventory.updateItem({ ...base, updateMask: { paths: [] } }))).code).toBe(
      Code.InvalidArgument,
    );
    const unknown = await errorOf(acme.inventory.updateItem({ ...base, updateMask: { paths: ["sku"] } }));
    expect(unknown.code).toBe(Code.InvalidArgument);
    expect(unknown.rawMessage).toContain("sku");
    expect((await errorOf(acme.inventory.updateItem({ ...base, updateMask: { paths: ["name"] } }))).code).toBe(
      Code.InvalidArgument,
    );
    expect((await errorOf(acme.inventory.updateItem({ ...base, updateMask: { paths: ["unit_price"] } }))).code).toBe(
      Code.InvalidArgument,
    );
    expect(
      (await errorOf(acme.inventory.updateItem({ ...base, sku: "NOPE", name: "x", updateMask: { paths: ["name"] } })))
        .code,
    ).toBe(Code.NotFound);
    const globex = await h.as("brand", "globex");
    expect(
      (await errorOf(globex.inventory.updateItem({ ...base, name: "x", updateMask: { paths: ["name"] } }))).code,
    ).toBe(Code.PermissionDenied);
  });
});

describe("ListItems sorted", () => {
  const skus = ["S-C", "S-A", "S-E", "S-B", "S-D"];
  const names = { "S-A": "Delta", "S-B": "alpha", "S-C": "Echo", "S-D": "Bravo", "S-E": "Charlie" } as const;
  const stock = { "S-A": 5, "S-B": 1, "S-C": 9, "S-D": 1, "S-E": 0 } as const;

  beforeAll(async () => {
    const service = await h.as("service");
    for (const sku of skus) {
      const { item } = await acme.inventory.createItem(
        itemRequest("acme", sku, { name: names[sku as keyof typeof names] }),
      );
      const units = stock[sku as keyof typeof stock];
      if (units > 0)
        await acme.inventory.adjustStock({
          brandId: "acme",
          sku,
          delta: BigInt(units + 1),
          reason: LedgerReason.RESTOCK,
          idempotencyKey: `s-${sku}`,
        });
      const held = await service.inventory
        .reserveStock({ orderId: crypto.randomUUID(), brandId: "acme", lines: [{ sku, quantity: 1n }] })
        .catch(() => undefined);
      if (units > 0) expect(held?.reservation?.status).toBe(ReservationStatus.HELD);
      // The next item is created a millisecond later at least, so creation times order them.
      await clockPast(timestampDate(item!.createTime!));
    }
  });

  async function listAll(sortField: ItemSortField, sortDirection: SortDirection, pageSize = 2) {
    return allPages(async (pageToken) => {
      const page = await acme.inventory.listItems({
        query: "S-",
        sortField,
        sortDirection,
        page: { pageSize, pageToken },
      });
      return [page.items.map((i) => i.sku), page.page?.nextPageToken];
    });
  }

  it.each([
    [ItemSortField.UNSPECIFIED, SortDirection.UNSPECIFIED, ["S-A", "S-B", "S-C", "S-D", "S-E"]],
    [ItemSortField.SKU, SortDirection.DESCENDING, ["S-E", "S-D", "S-C", "S-B", "S-A"]],
    [ItemSortField.CREATE_TIME, SortDirection.ASCENDING, ["S-C", "S-A", "S-E", "S-B", "S-D"]],
    [ItemSortField.CREATE_TIME, SortDirection.DESCENDING, ["S-D", "S-B", "S-E", "S-A", "S-C"]],
    // Ties (S-B and S-D both have 1 available) are broken by brand and SKU, in the sort's direction.
    [ItemSortField.AVAILABLE, SortDirection.ASCENDING, ["S-E", "S-B", "S-D", "S-A", "S-C"]],
    [ItemSortField.AVAILABLE, SortDirection.DESCENDING, ["S-C", "S-A", "S-D", "S-B", "S-E"]],
  ])("pages in order %s %s with a keyset cursor", async (field, direction, expected) => {
    expect(await listAll(field, direction)).toEqual(expected);
  });

  it("sorts by name as the database collates them", async () => {
    const byName = await listAll(ItemSortField.NAME, SortDirection.ASCENDING, 1);
    const rows = await sql
      .selectFrom("items")
      .select("sku")
      .where("sku", "like", "S-%")
      .orderBy("name")
      .orderBy("brand_id")
      .orderBy("sku")
      .execute();
    expect(byName).toEqual(rows.map((r) => r.sku));
    expect(await listAll(ItemSortField.NAME, SortDirection.DESCENDING, 3)).toEqual([...byName].reverse());
  });

  it("refuses a page token with other filters or another sort", async () => {
    const first = await acme.inventory.listItems({
      query: "S-",
      sortField: ItemSortField.AVAILABLE,
      page: { pageSize: 2 },
    });
    const pageToken = first.page?.nextPageToken ?? "";
    expect(pageToken).not.toBe("");
    expect(
      (
        await errorOf(
          acme.inventory.listItems({ query: "S-", sortField: ItemSortField.NAME, page: { pageSize: 2, pageToken } }),
        )
      ).code,
    ).toBe(Code.InvalidArgument);
    expect(
      (
        await errorOf(
          acme.inventory.listItems({
            query: "S-",
            sortField: ItemSortField.AVAILABLE,
            sortDirection: SortDirection.DESCENDING,
            page: { pageSize: 2, pageToken },
          }),
        )
      ).code,
    ).toBe(Code.InvalidArgument);
    expect(
      (
        await errorOf(
          acme.inventory.listItems({
            query: "S-A",
            sortField: ItemSortField.AVAILABLE,
            page: { pageSize: 2, pageToken },
          }),
        )
      ).code,
    ).toBe(Code.InvalidArgument);
    const low = await acme.inventory.listItems({ query: "S-", lowStockOnly: true, sortField: ItemSortField.AVAILABLE });
    expect(low.items.map((i) => i.sku)).toEqual(["S-E"]);
  });
});

describe("stock.as_of_time", () => {
  it("is the time of the last ledger entry applied, not the item's update time", async () => {
    await acme.inventory.createItem(itemRequest("acme", "ASOF-ITEM"));
    const created = await acme.inventory.getStock({ brandId: "acme", sku: "ASOF-ITEM" });
    expect(created.stock?.asOfTime).toBeDefined();
    // Each change below is stamped at least a millisecond after the one before.
    await clockPast(timestampDate(created.stock!.asOfTime!));
    const { entry } = await acme.inventory.adjustStock({
      brandId: "acme",
      sku: "ASOF-ITEM",
      delta: 4n,
      reason: LedgerReason.RESTOCK,
      idempotencyKey: "asof-item-1",
    });
    await clockPast(timestampDate(entry!.createTime!));
    const { item: renamed } = await acme.inventory.updateItem({
      brandId: "acme",
      sku: "ASOF-ITEM",
      name: "Renamed",
      lowStockThreshold: 0n,
      updateMask: { paths: ["name"] },
      idempotencyKey: "asof-item-rename",
    });
    const lastEntry = (await ledgerOf(acme, "acme", "ASOF-ITEM")).at(-1);
    expect(lastEntry?.createTime).toEqual(entry?.createTime);
    expect(timestampDate(renamed!.updateTime!).getTime()).toBeGreaterThan(timestampDate(entry!.createTime!).getTime());

    expect(renamed?.stock?.asOfTime).toEqual(entry?.createTime);
    expect((await acme.inventory.getStock({ brandId: "acme", sku: "ASOF-ITEM" })).stock?.asOfTime).toEqual(
      entry?.createTime,
    );
    expect((await acme.inventory.getItem({ brandId: "acme", sku: "ASOF-ITEM" })).item?.stock?.asOfTime).toEqual(
      entry?.createTime,
    );
    const listed = await acme.inventory.listItems({ query: "ASOF-ITEM" });
    expect(listed.items.map((i) => i.stock?.asOfTime)).toEqual([entry?.createTime]);
  });
});

describe("AdjustStock below zero", () => {
  it("carries a StockShortage detail with the SKU, the units asked for and those available", async () => {
    await stockedItem(acme, "acme", "SHORT-1", 6);
    const refused = await errorOf(
      acme.inventory.adjustStock({
        brandId: "acme",
        sku: "SHORT-1",
        delta: -9n,
        reason: LedgerReason.ADJUSTMENT,
        idempotencyKey: "short-1-out",
      }),
    );
    expect(refused.code).toBe(Code.FailedPrecondition);
    expect(refused.rawMessage).toContain("available 6");
    const details = refused.findDetails(StockShortageSchema);
    expect(details).toHaveLength(1);
    expect(details[0]?.skus).toEqual([expect.objectContaining({ sku: "SHORT-1", requested: 9n, available: 6n })]);
  });

  it("answers a retried key with the same refusal, even once the stock would allow it", async () => {
    await stockedItem(acme, "acme", "SHORT-2", 2);
    const request = {
      brandId: "acme",
      sku: "SHORT-2",
      delta: -5n,
      reason: LedgerReason.ADJUSTMENT,
      idempotencyKey: "short-2-out",
    };
    const refused = await errorOf(acme.inventory.adjustStock(request));
    expect(refused.code).toBe(Code.FailedPrecondition);
    await stockedItem(acme, "acme", "SHORT-2", 10);
    const retried = await errorOf(acme.inventory.adjustStock(request));
    expect([retried.code, retried.rawMessage]).toEqual([refused.code, refused.rawMessage]);
    expect(retried.findDetails(StockShortageSchema)).toEqual(refused.findDetails(StockShortageSchema));
    expect((await acme.inventory.getStock({ brandId: "acme", sku: "SHORT-2" })).stock?.onHand).toBe(12n);
    expect((await ledgerOf(acme, "acme", "SHORT-2")).map((entry) => entry.deltaOnHand)).toEqual([2n, 10n]);
  });
});

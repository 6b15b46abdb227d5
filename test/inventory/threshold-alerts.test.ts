import { createRegistry, isMessage } from "@bufbuild/protobuf";
import {
  file_waybill_inventory_v1_events,
  OutOfStockSchema,
  StockLowSchema,
} from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InventoryDatabase } from "../../services/inventory/storage/inventory-database.js";
import { eventTables } from "../../services/kit/events/event-tables.js";
import { decodeEvent } from "../../services/kit/events/index.js";
import { itemRequest } from "../support/index.js";
import { type InventoryHarness, startInventoryHarness } from "./helpers/inventory-harness.js";

let h: InventoryHarness;
let acme: Waybill;
let sql: Kysely<InventoryDatabase>;
const registry = createRegistry(file_waybill_inventory_v1_events);

beforeAll(async () => {
  h = await startInventoryHarness();
  ({ acme, sql } = h);
});
afterAll(() => h?.stop());

/** The item's events in the outbox, in append order, as `type` or `type(available/threshold)` for alerts. */
async function eventsOf(sku: string): Promise<string[]> {
  const rows = await eventTables(sql, "inventory")
    .selectFrom("outbox")
    .select(["payload", "subject"])
    .where("aggregate_id", "=", `acme/${sku}`)
    .orderBy("seq")
    .execute();
  return rows.map((row) => {
    const { payload } = decodeEvent(row.payload, row.subject, registry);
    if (isMessage(payload, StockLowSchema))
      return `StockLow(${payload.stock?.available}/${payload.lowStockThreshold} ${payload.name})`;
    if (isMessage(payload, OutOfStockSchema)) return `OutOfStock(${payload.stock?.available} ${payload.name})`;
    return payload.$typeName.replace("waybill.inventory.v1.", "");
  });
}

async function flagsOf(sku: string) {
  return sql
    .selectFrom("stock_levels")
    .select(["low_alerted", "out_alerted"])
    .where("brand_id", "=", "acme")
    .where("sku", "=", sku)
    .executeTakeFirstOrThrow();
}

const restock = (sku: string, delta: bigint, key: string) =>
  acme.inventory.adjustStock({ brandId: "acme", sku, delta, reason: LedgerReason.RESTOCK, idempotencyKey: key });

const setThreshold = (sku: string, threshold: bigint, key: string) =>
  acme.inventory.updateItem({
    brandId: "acme",
    sku,
    name: "",
    lowStockThreshold: threshold,
    updateMask: { paths: ["low_stock_threshold"] },
    idempotencyKey: key,
  });

describe("low-stock alerts when the threshold is set", () => {
  it("announces StockLow and OutOfStock when an item is created at or below its threshold", async () => {
    await acme.inventory.createItem(itemRequest("acme", "TH-NEW", { threshold: 4n, name: "Kettle" }));
    expect(await eventsOf("TH-NEW")).toEqual(["ItemCreated", "StockLow(0/4 Kettle)", "OutOfStock(0 Kettle)"]);
    expect(await flagsOf("TH-NEW")).toEqual({ low_alerted: true, out_alerted: true });
    expect((await acme.inventory.listItems({ query: "TH-NEW", lowStockOnly: true })).items).toHaveLength(1);

    // The flags keep the stock changes' hysteresis going: no repeat until stock has risen above 4.
    await restock("TH-NEW", 2n, "th-new-1");
    await restock("TH-NEW", 10n, "th-new-2");
    expect(await flagsOf("TH-NEW")).toEqual({ low_alerted: false, out_alerted: false });
    expect((await eventsOf("TH-NEW")).filter((e) => !e.startsWith("StockChanged"))).toHaveLength(3);
  });

  it("announces StockLow once when the threshold is raised to or above the available stock", async () => {
    await acme.inventory.createItem(itemRequest("acme", "TH-UP", { threshold: 2n, name: "Lamp" }));
    await restock("TH-UP", 10n, "th-up-in");
    expect(await flagsOf("TH-UP")).toEqual({ low_alerted: false, out_alerted: false });
    const before = (await eventsOf("TH-UP")).length;

    const { item } = await setThreshold("TH-UP", 12n, "th-up-1");
    expect(item?.lowStockThreshold).toBe(12n);
    await setThreshold("TH-UP", 15n, "th-up-2"); // still above: no second alert
    await setThreshold("TH-UP", 15n, "th-up-2"); // a retry replays
    expect((await eventsOf("TH-UP")).slice(before)).toEqual(["ItemUpdated", "StockLow(10/12 Lamp)", "ItemUpdated"]);
    expect(await flagsOf("TH-UP")).toEqual({ low_alerted: true, out_alerted: false });
    const low = await acme.inventory.listItems({ query: "TH-UP", lowStockOnly: true });
    expect(low.items.map((i) => i.sku)).toEqual(["TH-UP"]);
  });

  it("re-arms without an event when the threshold is lowered below the available stock", async () => {
    await acme.inventory.createItem(itemRequest("acme", "TH-DOWN", { threshold: 20n, name: "Mug" }));
    await restock("TH-DOWN", 10n, "th-down-in");
    expect(await flagsOf("TH-DOWN")).toEqual({ low_alerted: true, out_alerted: true });
    const before = (await eventsOf("TH-DOWN")).length;

    await setThreshold("TH-DOWN", 5n, "th-down-1");
    expect(await flagsOf("TH-DOWN")).toEqual({ low_alerted: false, out_alerted: false });
    expect((await eventsOf("TH-DOWN")).slice(before)).toEqual(["ItemUpdated"]);

    // Re-armed: raising it back to the available stock announces it again.
    await setThreshold("TH-DOWN", 10n, "th-down-2");
    expect((await eventsOf("TH-DOWN")).slice(before)).toEqual(["ItemUpdated", "ItemUpdated", "StockLow(10/10 Mug)"]);
  });
});

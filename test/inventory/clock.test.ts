import { fromBinary } from "@bufbuild/protobuf";
import { type Timestamp, timestampDate } from "@bufbuild/protobuf/wkt";
import { EventEnvelopeSchema } from "@waybill/contracts/waybill/common/v1/event_pb.js";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventoryService } from "../../services/inventory/index.js";
import type { InventoryDatabase } from "../../services/inventory/storage/index.js";
import type { EventTables } from "../../services/kit/events/index.js";
import { createHeldClock, schemaSql } from "../support/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";

const clock = createHeldClock();
const { at } = clock;
let waybill: TestWaybill;
let acme: Waybill;
let service: Waybill;

beforeAll(async () => {
  waybill = await startTestWaybill({
    definitions: [inventoryService],
    env: { RESERVATION_TTL_MS: "60000" },
    now: clock.now,
  });
  acme = await waybill.as("brand", "acme");
  service = await waybill.as("service");
});
afterAll(() => waybill?.stop());

const iso = (timestamp: Timestamp | undefined) => (timestamp ? timestampDate(timestamp).toISOString() : undefined);

describe("Inventory's clock", () => {
  it("stamps items, ledger entries, levels, holds and events with the injected time", async () => {
    const created = new Date("2031-03-01T09:00:00.000Z");
    const restocked = new Date("2031-03-01T10:00:00.000Z");
    const reserved = new Date("2031-03-01T11:00:00.000Z");
    const unitPrice = { currencyCode: "EUR", minorUnits: 250n };

    const { item } = await at(created, () =>
      acme.inventory.createItem({ brandId: "acme", sku: "CLOCK", name: "Clock", unitPrice, idempotencyKey: "clock-1" }),
    );
    expect(iso(item?.createTime)).toBe(created.toISOString());
    expect(iso(item?.stock?.asOfTime)).toBe(created.toISOString());

    const adjusted = await at(restocked, () =>
      acme.inventory.adjustStock({
        brandId: "acme",
        sku: "CLOCK",
        delta: 5n,
        reason: LedgerReason.RESTOCK,
        idempotencyKey: "clock-2",
      }),
    );
    expect(iso(adjusted.entry?.createTime)).toBe(restocked.toISOString());
    expect(iso(adjusted.stock?.asOfTime)).toBe(restocked.toISOString());
    const now = await acme.inventory.getStock({ brandId: "acme", sku: "CLOCK" });
    expect(iso(now.stock?.asOfTime)).toBe(restocked.toISOString());

    const orderId = crypto.randomUUID();
    const hold = await at(reserved, () =>
      service.inventory.reserveStock({ orderId, brandId: "acme", lines: [{ sku: "CLOCK", quantity: 1n }] }),
    );
    expect(iso(hold.reservation?.expireTime)).toBe(new Date(reserved.getTime() + 60_000).toISOString());

    // The events of those changes carry the same times in their envelopes.
    const sql = schemaSql<InventoryDatabase & EventTables>(waybill.env.databaseUrl, "inventory");
    try {
      const rows = await sql.selectFrom("outbox").select(["event_type", "payload"]).orderBy("seq").execute();
      const times = rows.map((row) => [row.event_type, iso(fromBinary(EventEnvelopeSchema, row.payload).time)]);
      expect(times).toContainEqual(["waybill.inventory.v1.ItemCreated", created.toISOString()]);
      expect(times).toContainEqual(["waybill.inventory.v1.StockChanged", restocked.toISOString()]);
      expect(times).toContainEqual(["waybill.inventory.v1.ReservationChanged", reserved.toISOString()]);
    } finally {
      await sql.destroy();
    }
  });

  it("never lets a level's time go back when a change comes with an earlier clock", async () => {
    const unitPrice = { currencyCode: "EUR", minorUnits: 100n };
    await at(new Date("2031-04-01T12:00:00.000Z"), () =>
      acme.inventory.createItem({ brandId: "acme", sku: "SKEW", name: "Skew", unitPrice, idempotencyKey: "skew-1" }),
    );
    const later = new Date("2031-04-01T12:00:05.000Z");
    await at(later, () =>
      acme.inventory.adjustStock({
        brandId: "acme",
        sku: "SKEW",
        delta: 3n,
        reason: LedgerReason.RESTOCK,
        idempotencyKey: "skew-2",
      }),
    );
    // Another replica whose clock is two seconds behind changes the same item.
    const behind = await at(new Date(later.getTime() - 2_000), () =>
      acme.inventory.adjustStock({
        brandId: "acme",
        sku: "SKEW",
        delta: 1n,
        reason: LedgerReason.RESTOCK,
        idempotencyKey: "skew-3",
      }),
    );
    expect(iso(behind.entry?.createTime)).toBe(later.toISOString());
    const history = await acme.inventory.getStockHistory({ brandId: "acme", sku: "SKEW" });
    const times = history.entries.map((entry) => iso(entry.createTime) ?? "");
    expect(times).toEqual([...times].sort());
  });
});

import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { type Kysely, sql as raw } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Waybill } from "../../sdk/src/index.js";
import { inventoryService } from "../../services/inventory/index.js";
import type { InventoryDatabase } from "../../services/inventory/storage/inventory-database.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";
import { ledgerOf, levelOf, orderId, stockedItem } from "./helpers/fixtures.js";
import { inventorySql } from "./helpers/inventory-sql.js";
import { createTestSweeper } from "./helpers/test-sweeper.js";

let waybill: TestWaybill;
let acme: Waybill;
let service: Waybill;
let sql: Kysely<InventoryDatabase>;

beforeAll(async () => {
  // The app's own sweeper sleeps for an hour: only the test's sweepers release anything here.
  waybill = await startTestWaybill({
    definitions: [inventoryService],
    env: { RESERVATION_TTL_MS: "600000", RESERVATION_SWEEP_MS: "3600000" },
  });
  acme = await waybill.as("brand", "acme");
  service = await waybill.as("service");
  sql = inventorySql(waybill.env.databaseUrl);
});
afterAll(async () => {
  await sql?.destroy();
  await waybill?.stop();
});

describe("expiry sweepers racing for the same holds", () => {
  it("release each expired hold exactly once between them, and skip holds not yet due", async () => {
    await stockedItem(acme, "acme", "RACE-1", 500);
    await stockedItem(acme, "acme", "RACE-2", 500);
    const due = await Promise.all(
      Array.from({ length: 60 }, async () => {
        const id = orderId();
        await service.inventory.reserveStock({
          orderId: id,
          brandId: "acme",
          lines: [
            { sku: "RACE-2", quantity: 1n },
            { sku: "RACE-1", quantity: 2n },
          ],
        });
        return id;
      }),
    );
    const notDue = orderId();
    await service.inventory.reserveStock({
      orderId: notDue,
      brandId: "acme",
      lines: [{ sku: "RACE-1", quantity: 5n }],
    });
    await sql
      .updateTable("reservations")
      .set({ expire_at: raw`now() - interval '1 second'` })
      .where("order_id", "in", due)
      .execute();

    const sweepers = Array.from({ length: 4 }, () => createTestSweeper(sql, waybill.env.prefix));
    const counts = await Promise.all(sweepers.map((sweeper) => sweeper.sweepOnce()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(60);
    expect(counts.filter((count) => count > 0).length).toBeGreaterThan(1);
    expect(await Promise.all(sweepers.map((sweeper) => sweeper.sweepOnce()))).toEqual([0, 0, 0, 0]);

    const releases = (await ledgerOf(acme, "acme", "RACE-1")).filter((e) => e.reason === LedgerReason.RELEASE);
    expect(releases).toHaveLength(60);
    expect(new Set(releases.map((e) => e.reference)).size).toBe(60);
    expect(await levelOf(acme, "acme", "RACE-1")).toMatchObject({ onHand: 500, reserved: 5 });
    expect(await levelOf(acme, "acme", "RACE-2")).toMatchObject({ onHand: 500, reserved: 0 });
    const status = await sql
      .selectFrom("reservations")
      .select("status")
      .where("order_id", "=", notDue)
      .executeTakeFirst();
    expect(status?.status).toBe("held");
  });

  it("stops promptly while sleeping between sweeps", async () => {
    const sweeper = createTestSweeper(sql, waybill.env.prefix, 60_000);
    await sweeper.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await sweeper.stop();
    expect(performance.now() - started).toBeLessThan(500);
  });
});

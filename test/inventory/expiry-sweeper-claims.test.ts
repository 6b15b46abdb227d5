import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import { type Kysely, sql as raw } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InventoryDatabase } from "../../services/inventory/storage/inventory-database.js";
import { createRecordingLogger, ledgerOf, levelOf, orderId, stockedItem, waitFor } from "../support/index.js";
import { type InventoryHarness, startInventoryHarness } from "./helpers/inventory-harness.js";
import { createTestSweeper } from "./helpers/test-sweeper.js";

let h: InventoryHarness;
let acme: Waybill;
let service: Waybill;
let sql: Kysely<InventoryDatabase>;

// The app's own sweeper sleeps for an hour: only the test's sweepers release anything here.
beforeAll(async () => {
  h = await startInventoryHarness({ RESERVATION_TTL_MS: "600000", RESERVATION_SWEEP_MS: "3600000" });
  ({ acme, service, sql } = h);
});
afterAll(() => h?.stop());

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

    // Four sweepers at once: how the holds split between them is up to the scheduler; that none is
    // released twice and none is missed is not.
    const sweepers = Array.from({ length: 4 }, () => createTestSweeper(sql, h.env.prefix));
    const counts = await Promise.all(sweepers.map((sweeper) => sweeper.sweepOnce()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(60);
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
    const intervalMs = 20_000;
    await stockedItem(acme, "acme", "SLEEP-1", 1);
    const due = orderId();
    await service.inventory.reserveStock({ orderId: due, brandId: "acme", lines: [{ sku: "SLEEP-1", quantity: 1n }] });
    await sql.updateTable("reservations").set({ expire_at: raw`now()` }).where("order_id", "=", due).execute();
    const logs: string[] = [];
    const sweeper = createTestSweeper(sql, h.env.prefix, intervalMs, createRecordingLogger(logs));
    await sweeper.start();
    // The first sweep logs what it released as it ends; the sweeper then sleeps for the interval.
    expect(
      await waitFor(
        async () => logs,
        (lines) => lines.some((line) => line.includes("expired holds released")),
      ),
    ).toEqual(expect.arrayContaining([expect.stringContaining('"released":1')]));
    const started = performance.now();
    await sweeper.stop();
    // Woken rather than left to sleep out its interval.
    expect(performance.now() - started).toBeLessThan(intervalMs);
  });
});

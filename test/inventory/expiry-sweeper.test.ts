import { timestampDate } from "@bufbuild/protobuf/wkt";
import { LedgerReason, ReservationStatus } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Waybill } from "../../sdk/src/index.js";
import { inventoryService } from "../../services/inventory/index.js";
import type { InventoryDatabase } from "../../services/inventory/storage/inventory-database.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";
import { ledgerOf, levelOf, orderId, stockedItem, waitFor } from "./helpers/fixtures.js";
import { inventorySql } from "./helpers/inventory-sql.js";
import { type Replica, startReplica } from "./helpers/second-instance.js";

const ttlMs = 2_500;
const timing = { RESERVATION_TTL_MS: String(ttlMs), RESERVATION_SWEEP_MS: "50" };
let waybill: TestWaybill;
let replica: Replica;
let acme: Waybill;
let sql: Kysely<InventoryDatabase>;

beforeAll(async () => {
  waybill = await startTestWaybill({ definitions: [inventoryService], env: timing });
  replica = await startReplica(waybill, timing);
  acme = await waybill.as("brand", "acme");
  sql = inventorySql(waybill.env.databaseUrl);
});
afterAll(async () => {
  await sql?.destroy();
  await replica?.stop();
  await waybill?.stop();
});

describe("the expiry sweeper of two replicas", () => {
  it("releases every unconfirmed hold once after its TTL and never a confirmed one", async () => {
    const skus = ["EXP-1", "EXP-2", "EXP-3"];
    for (const sku of skus) await stockedItem(acme, "acme", sku, 1_000);
    const clients = [await waybill.as("service"), await replica.as("service")];
    const unconfirmed: string[] = [];
    const confirmed: string[] = [];
    const expiry = new Map<string, number>();
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const id = orderId();
        const requested = Date.now();
        const client = clients[i % 2]!;
        const { reservation } = await client.inventory.reserveStock({
          orderId: id,
          brandId: "acme",
          lines: [
            { sku: skus[i % 3]!, quantity: 2n },
            { sku: skus[(i + 1) % 3]!, quantity: 1n },
          ],
        });
        expiry.set(id, timestampDate(reservation!.expireTime!).getTime());
        expect(expiry.get(id)! - requested).toBeGreaterThanOrEqual(ttlMs - 5);
        if (i % 4 === 0) {
          await clients[(i + 1) % 2]!.inventory.confirmReservation({ orderId: id });
          confirmed.push(id);
        } else {
          unconfirmed.push(id);
        }
      }),
    );

    const statuses = async () => {
      const rows = await sql.selectFrom("reservations").select(["order_id", "status"]).execute();
      return new Map(rows.map((row) => [row.order_id, row.status]));
    };
    const settled = await waitFor(statuses, (map) => unconfirmed.every((id) => map.get(id) === "released"), 10_000);
    expect(unconfirmed.filter((id) => settled.get(id) !== "released")).toEqual([]);
    // Both sweepers keep running: give them time to release anything twice, if they could.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(confirmed.map((id) => settled.get(id))).toEqual(confirmed.map(() => "confirmed"));

    const entries = (await Promise.all(skus.map((sku) => ledgerOf(acme, "acme", sku)))).flat();
    const releases = entries.filter((e) => e.reason === LedgerReason.RELEASE);
    expect(releases).toHaveLength(unconfirmed.length * 2);
    const releasesPerOrder = new Map<string, number>();
    for (const release of releases) {
      expect(release.actor).toBe("reservation-sweeper");
      expect(release.reference).toMatch(/ \(hold expired\)$/);
      const id = release.reference.split(" ")[0]!;
      releasesPerOrder.set(id, (releasesPerOrder.get(id) ?? 0) + 1);
      expect(timestampDate(release.createTime!).getTime()).toBeGreaterThanOrEqual(expiry.get(id)! - 1);
    }
    expect([...releasesPerOrder.keys()].sort()).toEqual([...unconfirmed].sort());
    expect(new Set(releasesPerOrder.values())).toEqual(new Set([2]));

    const heldUnits = confirmed.length * 3;
    const levels = await Promise.all(skus.map((sku) => levelOf(acme, "acme", sku)));
    expect(levels.reduce((sum, level) => sum + level.reserved, 0)).toBe(heldUnits);
    const admin = await waybill.as("admin");
    expect((await admin.inventory.rebuildStock({ brandId: "acme" })).differences).toEqual([]);
    const late = await clients[0]!.inventory.confirmReservation({ orderId: confirmed[0]! });
    expect(late.reservation?.status).toBe(ReservationStatus.CONFIRMED);
  });
});

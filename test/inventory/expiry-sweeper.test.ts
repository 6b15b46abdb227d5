import { timestampDate } from "@bufbuild/protobuf/wkt";
import { LedgerReason, ReservationStatus } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import { type Kysely, sql as raw } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InventoryDatabase } from "../../services/inventory/storage/inventory-database.js";
import { ledgerOf, levelOf, orderId, stockedItem, waitFor } from "../support/index.js";
import { type InventoryHarness, startInventoryHarness } from "./helpers/inventory-harness.js";
import { type Replica, startReplica } from "./helpers/second-instance.js";

// Holds would last ten minutes: the test makes them due itself (after the confirmations, which
// therefore never race the sweepers), and both replicas sweep every 50 ms.
const ttlMs = 600_000;
const timing = { RESERVATION_TTL_MS: String(ttlMs), RESERVATION_SWEEP_MS: "50" };
let h: InventoryHarness;
let replica: Replica;
let acme: Waybill;
let sql: Kysely<InventoryDatabase>;

beforeAll(async () => {
  h = await startInventoryHarness(timing);
  replica = await startReplica(h, timing);
  ({ acme, sql } = h);
});
afterAll(async () => {
  await replica?.stop();
  await h?.stop();
});

/** Makes holds due now, as their TTL running out would; returns when each became due. */
async function expireNow(orderIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await sql
    .updateTable("reservations")
    .set({ expire_at: raw`now()` })
    .where("order_id", "in", [...orderIds])
    .returning(["order_id", "expire_at"])
    .execute();
  return new Map(rows.map((row) => [row.order_id, row.expire_at!.getTime()]));
}

const statuses = async () => {
  const rows = await sql.selectFrom("reservations").select(["order_id", "status"]).execute();
  return new Map(rows.map((row) => [row.order_id, row.status]));
};

describe("the expiry sweeper of two replicas", () => {
  it("releases every unconfirmed hold once it is due and never a confirmed one", async () => {
    const skus = ["EXP-1", "EXP-2", "EXP-3"];
    for (const sku of skus) await stockedItem(acme, "acme", sku, 1_000);
    const clients = [h.service, await replica.as("service")];
    const unconfirmed: string[] = [];
    const confirmed: string[] = [];
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
        const expires = timestampDate(reservation!.expireTime!).getTime();
        expect(expires - requested).toBeGreaterThanOrEqual(ttlMs - 5);
        expect(expires).toBeLessThanOrEqual(Date.now() + ttlMs);
        if (i % 4 === 0) {
          await clients[(i + 1) % 2]!.inventory.confirmReservation({ orderId: id });
          confirmed.push(id);
        } else {
          unconfirmed.push(id);
        }
      }),
    );

    const due = await expireNow(unconfirmed);
    const settled = await waitFor(statuses, (map) => unconfirmed.every((id) => map.get(id) === "released"));
    expect(unconfirmed.filter((id) => settled.get(id) !== "released")).toEqual([]);
    // A hold made due after all the others: once a sweeper has released it, the sweepers have
    // gone over every hold again, and must have left the confirmed ones alone.
    const marker = orderId();
    await clients[0]!.inventory.reserveStock({
      orderId: marker,
      brandId: "acme",
      lines: [{ sku: "EXP-1", quantity: 1n }],
    });
    await expireNow([marker]);
    const after = await waitFor(statuses, (map) => map.get(marker) === "released");
    expect(after.get(marker)).toBe("released");
    expect(confirmed.map((id) => after.get(id))).toEqual(confirmed.map(() => "confirmed"));

    const entries = (await Promise.all(skus.map((sku) => ledgerOf(acme, "acme", sku)))).flat();
    const releases = entries.filter((e) => e.reason === LedgerReason.RELEASE && !e.reference.startsWith(marker));
    expect(releases).toHaveLength(unconfirmed.length * 2);
    const releasesPerOrder = new Map<string, number>();
    for (const release of releases) {
      expect(release.actor).toBe("reservation-sweeper");
      expect(release.reference).toMatch(/ \(hold expired\)$/);
      const id = release.reference.split(" ")[0]!;
      releasesPerOrder.set(id, (releasesPerOrder.get(id) ?? 0) + 1);
      expect(timestampDate(release.createTime!).getTime()).toBeGreaterThanOrEqual(due.get(id)! - 1);
    }
    expect([...releasesPerOrder.keys()].sort()).toEqual([...unconfirmed].sort());
    expect(new Set(releasesPerOrder.values())).toEqual(new Set([2]));

    const heldUnits = confirmed.length * 3;
    const levels = await Promise.all(skus.map((sku) => levelOf(acme, "acme", sku)));
    expect(levels.reduce((sum, level) => sum + level.reserved, 0)).toBe(heldUnits);
    const { admin } = h;
    expect((await admin.inventory.rebuildStock({ brandId: "acme" })).differences).toEqual([]);
    const late = await clients[0]!.inventory.confirmReservation({ orderId: confirmed[0]! });
    expect(late.reservation?.status).toBe(ReservationStatus.CONFIRMED);
  });
});

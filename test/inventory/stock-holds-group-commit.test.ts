import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStockHolds, type StockHolds } from "../../services/inventory/operations/index.js";
import type { StockHold, StockHoldOutcome } from "../../services/inventory/storage/index.js";
import { createOutbox } from "../../services/kit/events/index.js";
import { waitUntil } from "../support/index.js";
import { type InventoryHarness, startInventoryHarness } from "./helpers/inventory-harness.js";

let h: InventoryHarness;
let holds: StockHolds;

beforeAll(async () => {
  h = await startInventoryHarness();
  // A second group commit on the same schema, driven directly: what ReserveStock submits to.
  holds = createStockHolds(
    {
      db: h.sql,
      outbox: createOutbox({ schema: "inventory", prefix: h.env.prefix, domain: "inventory" }),
      now: () => new Date(),
      snapshotEvery: 100,
    },
    { maxBatch: 64 },
  );
});
afterAll(() => h?.stop());

async function stocked(sku: string, units: number): Promise<void> {
  await h.acme.inventory.createItem({
    brandId: "acme",
    sku,
    name: sku,
    unitPrice: { currencyCode: "EUR", minorUnits: 100n },
    idempotencyKey: `item-${sku}`,
  });
  await h.acme.inventory.adjustStock({
    brandId: "acme",
    sku,
    delta: BigInt(units),
    reason: 1,
    idempotencyKey: `stock-${sku}`,
  });
}

const hold = (lines: readonly [string, number][], orderId: string = randomUUID()): StockHold => ({
  orderId,
  brandId: "acme",
  lines: lines.map(([sku, quantity]) => ({ sku, quantity })),
  actor: "test",
  expireAt: new Date(Date.now() + 60_000),
  now: new Date(),
  snapshotEvery: 100,
});

/** The transaction id that wrote each order's reservation. */
async function writers(orderIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await sql<{ order_id: string; writer: string }>`
    select order_id::text, xmin::text as writer from inventory.reservations where order_id = any(${orderIds}::uuid[])`.execute(
    h.sql,
  );
  return new Map(rows.rows.map((row) => [row.order_id, row.writer]));
}

describe("ReserveStock's group commit", () => {
  it("applies holds submitted together in shared transactions, each all or nothing and answered on its own", async () => {
    await stocked("G-HOT", 10);
    await stocked("G-OTHER", 100);
    await stocked("G-SIDE", 50);
    // 29 holds at once: 20 of one unit of the hot SKU (10 can be held), 5 two-SKU holds, an
    // unknown SKU, a duplicate order id, and holds that want more than there is.
    const requests: StockHold[] = [
      ...Array.from({ length: 20 }, () => hold([["G-HOT", 1]])),
      ...Array.from({ length: 5 }, () =>
        hold([
          ["G-SIDE", 1],
          ["G-OTHER", 3],
        ]),
      ),
      hold([
        ["G-OTHER", 1],
        ["G-NOPE", 1],
      ]),
      hold([["G-OTHER", 1000]]),
    ];
    const duplicate = hold([["G-OTHER", 2]]);
    requests.push(duplicate, { ...duplicate, lines: [{ sku: "G-OTHER", quantity: 9 }] });
    const outcomes = await Promise.all(requests.map((request) => holds.submit(request)));

    const kinds = (from: number, to: number) => outcomes.slice(from, to).map((outcome) => outcome.kind);
    expect(kinds(0, 20).filter((kind) => kind === "held")).toHaveLength(10);
    expect(kinds(0, 20).filter((kind) => kind === "short")).toHaveLength(10);
    expect(kinds(20, 25)).toEqual(Array(5).fill("held"));
    expect(outcomes[25]).toEqual({ kind: "unknown", skus: ["G-NOPE"] });
    expect(outcomes[26]).toMatchObject({ kind: "short" });
    expect((outcomes[26] as Extract<StockHoldOutcome, { kind: "short" }>).available.get("G-OTHER")).toBeLessThan(1000);
    expect(kinds(27, 29)).toEqual(["held", "taken"]);

    // Exactly what was held is reserved: never more than the stock, nothing of a refused hold.
    expect(await h.acme.inventory.getItem({ brandId: "acme", sku: "G-HOT" })).toMatchObject({
      item: { stock: { onHand: 10n, reserved: 10n, available: 0n } },
    });
    expect((await h.acme.inventory.getItem({ brandId: "acme", sku: "G-OTHER" })).item?.stock).toMatchObject({
      reserved: 17n,
    });
    expect((await h.acme.inventory.getItem({ brandId: "acme", sku: "G-SIDE" })).item?.stock?.reserved).toBe(5n);
    // The first hold ran alone (nothing waited for company); the rest arrived while it ran and shared commits.
    const held = requests.filter((_, i) => outcomes[i]?.kind === "held").map((request) => request.orderId);
    const byWriter = await writers(held);
    expect(byWriter.size).toBe(held.length);
    expect(new Set(byWriter.values()).size).toBeLessThanOrEqual(2);
    expect(holds.stats()).toMatchObject({ requests: 29, transactions: 2, fallbacks: 0 });
  });

  it("gives a request that breaks its batch its own error, and still applies the others", async () => {
    await stocked("G-SAFE", 10);
    const good = [hold([["G-SAFE", 1]]), hold([["G-SAFE", 2]]), hold([["G-SAFE", 3]])];
    const broken = hold([["G-SAFE", 1]], "not-a-uuid");
    const before = holds.stats();
    const [first, second, third] = good as [StockHold, StockHold, StockHold];
    const settled = await Promise.allSettled([first, broken, second, third].map((request) => holds.submit(request)));
    expect(settled.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect((await h.acme.inventory.getItem({ brandId: "acme", sku: "G-SAFE" })).item?.stock?.reserved).toBe(6n);
    expect(holds.stats().fallbacks - before.fallbacks).toBe(1);
  });

  it("answers a duplicate that waited on another replica's hold with that hold, never a shortage", async () => {
    // Two group commits (the service's and this test's, as two replicas) hold the same order id
    // at once, with stock for only one of them: whichever waits must get the other's hold.
    const pairs = Array.from({ length: 20 }, (_, i) => ({ sku: `G-RACE-${i}`, orderId: randomUUID() }));
    for (const { sku } of pairs) await stocked(sku, 10);
    await Promise.all(
      pairs.map(async ({ sku, orderId }) => {
        const [viaRpc, direct] = await Promise.all([
          h.service.inventory.reserveStock({ orderId, brandId: "acme", lines: [{ sku, quantity: 6n }] }),
          holds.submit(hold([[sku, 6]], orderId)),
        ]);
        expect(viaRpc.reservation?.orderId).toBe(orderId);
        expect(viaRpc.reservation?.lines.map((line) => line.quantity)).toEqual([6n]);
        expect(["held", "taken", "short"]).toContain(direct.kind);
      }),
    );
    for (const { sku } of pairs)
      expect((await h.acme.inventory.getItem({ brandId: "acme", sku })).item?.stock?.reserved).toBe(6n);
  });

  it("judges a hold that waited for a level's lock on the level as then committed: a shortage refuses it", async () => {
    await stocked("G-TAKEN", 10);
    const outcome = await holdWhileAnotherChanges("G-TAKEN", "reserved = reserved + 8", hold([["G-TAKEN", 5]]));
    expect(outcome).toMatchObject({ kind: "short", available: new Map([["G-TAKEN", 2]]) });
    expect((await h.acme.inventory.getItem({ brandId: "acme", sku: "G-TAKEN" })).item?.stock).toMatchObject({
      onHand: 10n,
      reserved: 8n,
    });
  });

  it("holds on units released while it waited, and keeps the other transaction's change", async () => {
    // The level is sold out; a release commits while the hold waits for the lock. The hold must
    // take one of the released units on top of the release, never re-reserve from the old level.
    await stocked("G-FREED", 10);
    await stocked("G-BESIDE", 10);
    expect((await holds.submit(hold([["G-FREED", 10]]))).kind).toBe("held");
    const outcome = await holdWhileAnotherChanges(
      "G-FREED",
      "reserved = reserved - 3",
      hold([
        ["G-FREED", 1],
        ["G-BESIDE", 2],
      ]),
    );
    expect(outcome.kind).toBe("held");
    expect((await h.acme.inventory.getItem({ brandId: "acme", sku: "G-FREED" })).item?.stock).toMatchObject({
      onHand: 10n,
      reserved: 8n,
      available: 2n,
    });
  });
});

/**
 * Submits `request` while another session has changed `sku`'s level (`set` clause) and holds its
 * lock; commits that change once the hold waits for the lock, and returns the hold's outcome.
 */
async function holdWhileAnotherChanges(sku: string, set: string, request: StockHold): Promise<StockHoldOutcome> {
  const other = new pg.Client({ connectionString: h.env.databaseUrl });
  await other.connect();
  try {
    await other.query("begin");
    await other.query(`update inventory.stock_levels set ${set} where brand_id = 'acme' and sku = $1`, [sku]);
    const outcome = holds.submit(request);
    await waitUntil(
      () =>
        other.query<{ n: number }>(
          "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()",
        ),
      (result) => result.rows[0]?.n === 1,
      "the hold waiting for the level's lock",
    );
    await other.query("commit");
    return await outcome;
  } finally {
    await other.end();
  }
}

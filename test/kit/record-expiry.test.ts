import { randomUUID } from "node:crypto";
import type { Waybill } from "@waybill/sdk";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventoryService } from "../../services/inventory/index.js";
import { changeStock, schemaSql, stockedItem, waitFor } from "../support/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";

// The defaults: keys kept 72 hours, inbox rows 336 hours. Rows are aged with SQL; the workers
// sweep every 100 ms here.
const keyRetentionHours = 72;
const inboxRetentionHours = 336;

describe("expiry of idempotency keys and inbox rows", () => {
  let waybill: TestWaybill;
  let db: Kysely<unknown>;
  let acme: Waybill;
  beforeAll(async () => {
    waybill = await startTestWaybill({ definitions: [inventoryService], env: { EXPIRY_SWEEP_INTERVAL_MS: "100" } });
    db = schemaSql<unknown>(waybill.env.databaseUrl, "inventory");
    acme = await waybill.as("brand", "acme");
  });
  afterAll(async () => {
    await db?.destroy();
    await waybill?.stop();
  });

  const keysOf = async (scope: string) =>
    (
      await sql<{ key: string }>`select key from inventory.idempotency where scope = ${scope} order by key`.execute(db)
    ).rows.map((row) => row.key);
  const inboxOf = async (consumer: string) =>
    (
      await sql<{ event_id: string }>`select event_id from inventory.inbox where consumer = ${consumer}`.execute(db)
    ).rows.map((row) => row.event_id);

  it("deletes keys stored longer ago than the retention, keeping younger ones", async () => {
    const scope = `test-${randomUUID()}`;
    await sql`
      insert into inventory.idempotency (scope, key, request_hash, response, created_at) values
        (${scope}, 'expired', 'h', '\\x00', now() - make_interval(hours => ${keyRetentionHours + 1})),
        (${scope}, 'young', 'h', '\\x00', now() - make_interval(hours => ${keyRetentionHours - 1}))`.execute(db);
    expect(
      await waitFor(
        () => keysOf(scope),
        (keys) => !keys.includes("expired"),
      ),
    ).toEqual(["young"]);
  });

  it("deletes inbox rows handled longer ago than the retention, keeping younger ones", async () => {
    const consumer = `test-${randomUUID()}`;
    const [expired, young] = [randomUUID(), randomUUID()];
    await sql`
      insert into inventory.inbox (consumer, event_id, processed_at) values
        (${consumer}, ${expired}::uuid, now() - make_interval(hours => ${inboxRetentionHours + 1})),
        (${consumer}, ${young}::uuid, now() - make_interval(hours => ${inboxRetentionHours - 1}))`.execute(db);
    expect(
      await waitFor(
        () => inboxOf(consumer),
        (ids) => !ids.includes(expired),
      ),
    ).toEqual([young]);
  });

  it("replays a key within the window, and treats it as a new request once expired", async () => {
    await stockedItem(acme, "acme", "MUG", 0);
    const key = `restock-${randomUUID()}`;
    const first = await changeStock(acme, "acme", "MUG", 5n, key);
    const replay = await changeStock(acme, "acme", "MUG", 5n, key);
    expect(replay.entry?.sequence).toBe(first.entry?.sequence);
    expect(replay.stock?.onHand).toBe(5n);

    await sql`update inventory.idempotency set created_at = now() - make_interval(hours => ${keyRetentionHours + 1})
      where key = ${key}`.execute(db);
    const scopes = await waitFor(
      async () => (await sql`select 1 from inventory.idempotency where key = ${key}`.execute(db)).rows,
      (rows) => rows.length === 0,
    );
    expect(scopes).toEqual([]);
    const late = await changeStock(acme, "acme", "MUG", 5n, key);
    expect(late.stock?.onHand).toBe(10n);
    expect(late.entry?.sequence).not.toBe(first.entry?.sequence);
  });
});

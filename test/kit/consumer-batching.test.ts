import type { ItemCreated } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsumedEvent } from "../../services/kit/events/index.js";
import { listDeadLetters } from "../../services/kit/events/index.js";
import { waitUntil } from "../support/index.js";
import { type BatchProbes, startBatchFixture, transactionsOf } from "./batch-probes.js";
import type { EventFixture } from "./event-fixture.js";

/**
 * Whole consumers (default settings: batches of up to 64) under a burst of events: each handled
 * once, in far fewer transactions, lanes kept in order, a failing event dead-lettered alone.
 */
describe("consumers batching events", () => {
  let fx: EventFixture;
  let probes: BatchProbes;

  beforeAll(async () => {
    ({ fx, probes } = await startBatchFixture());
  });
  afterAll(() => fx?.destroy());

  it("a consumer handles a burst exactly once each, in stream order, in far fewer transactions than events", async () => {
    const ids = await probes.published(300);
    const mine = new Set(ids);
    const order: string[] = [];
    const consumer = fx.consumer("burst", {
      accepts: (event) => mine.has(event.id),
      handle: async (event, trx) => {
        order.push(event.id);
        await trx
          .withSchema(fx.schema)
          .insertInto("effects")
          .values({ consumer: "burst", event_id: event.id })
          .execute();
      },
    });
    await consumer.start();
    await waitUntil(
      () => fx.count("inbox", "burst"),
      (n) => n === ids.length,
      "every event to be handled",
    );
    const written = await probes.effects("burst");
    expect([...written.keys()]).toEqual(ids);
    expect([...written.values()].every((txs) => txs.length === 1)).toBe(true);
    expect(order).toEqual(ids);
    const transactions = transactionsOf(written);
    expect(transactions).toBeLessThan(ids.length / 4);
  });

  it("keeps each lane in stream order, a batch holding one lane's events", async () => {
    const ids = await probes.published(200);
    const mine = new Set(ids);
    const laneOf = (event: ConsumedEvent) => String(Number((event.payload as ItemCreated).sku.slice(4)) % 3);
    const seen = new Map<string, { readonly lane: string; readonly tx: string }>();
    const byLane = new Map<string, string[]>();
    const consumer = fx.consumer("lanes", {
      concurrency: 3,
      laneOf,
      accepts: (event) => mine.has(event.id),
      handle: async (event, trx) => {
        const { rows } = await sql<{ tx: string }>`select txid_current()::text as tx`.execute(trx);
        const lane = laneOf(event);
        seen.set(event.id, { lane, tx: rows[0]!.tx });
        byLane.set(lane, [...(byLane.get(lane) ?? []), event.id]);
      },
    });
    await consumer.start();
    await waitUntil(
      () => fx.count("inbox", "lanes"),
      (n) => n === ids.length,
      "every event to be handled",
    );
    expect(seen.size).toBe(ids.length);
    expect([...byLane.values()].flat()).toHaveLength(ids.length);
    for (const [lane, handled] of byLane) {
      expect(handled).toEqual(ids.filter((id) => byLane.get(lane)?.includes(id)));
    }
    const lanesOfTx = new Map<string, Set<string>>();
    for (const { lane, tx } of seen.values()) lanesOfTx.set(tx, (lanesOfTx.get(tx) ?? new Set()).add(lane));
    expect([...lanesOfTx.values()].every((lanes) => lanes.size === 1)).toBe(true);
    expect(lanesOfTx.size).toBeLessThan(ids.length / 2);
  });

  it("dead-letters an event that keeps failing while the rest of its batches commit once each", async () => {
    const ids = await probes.published(40);
    const mine = new Set(ids);
    const poison = ids[17]!;
    const consumer = fx.consumer("one-bad", {
      maxDeliver: 2,
      backoffMs: [50],
      accepts: (event) => mine.has(event.id),
      handle: probes.recordEffect("one-bad", (event) => (event.id === poison ? new Error("handler bug") : undefined)),
    });
    await consumer.start();
    const [dead] = await waitUntil(
      () => listDeadLetters({ jsm: fx.jsm, prefix: fx.env.prefix, consumer: "one-bad" }),
      (letters) => letters.length === 1,
      "the failing event to be dead-lettered",
    );
    expect(dead).toMatchObject({ reason: "max_deliveries", deliveries: 2, message: { eventId: poison } });
    await waitUntil(
      () => fx.count("inbox", "one-bad"),
      (n) => n === ids.length - 1,
      "the other events to be handled",
    );
    const written = await probes.effects("one-bad");
    expect([...written.keys()]).toEqual(ids.filter((id) => id !== poison));
    expect([...written.values()].every((txs) => txs.length === 1)).toBe(true);
    expect(probes.runs.get(poison)).toBeGreaterThanOrEqual(2);
  });
});

import { create } from "@bufbuild/protobuf";
import { ItemCreatedSchema } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { OutboxRelayOptions } from "../../services/kit/events/outbox-relay.js";
import type { EventFixture } from "./event-fixture.js";
import { createEventFixture } from "./event-fixture.js";

describe("outbox → relay → consumer", () => {
  let fx: EventFixture;
  const relay = (options: Partial<OutboxRelayOptions> = {}) =>
    fx.relay({ batchSize: 7, pollIntervalMs: 200, ...options });

  beforeAll(async () => {
    fx = await createEventFixture();
  });
  afterAll(() => fx?.destroy());

  it("delivers every committed event exactly once across a relay killed mid-publish, never a rolled-back one", async () => {
    const committed = [
      ...(await fx.appendCommitted(12)),
      ...(await fx.appendCommitted(1)),
      ...(await fx.appendCommitted(7)),
    ];
    let rolledBackId = "";
    await expect(
      fx.db.transaction().execute(async (trx) => {
        const payload = create(ItemCreatedSchema, { brandId: "brand-1", sku: "never" });
        [rolledBackId = ""] = await fx.outbox.append(trx, {
          schema: ItemCreatedSchema,
          payload,
          aggregateId: "never",
          tenant: "brand-1",
        });
        throw new Error("state change failed");
      }),
    ).rejects.toThrow("state change failed");
    expect(committed).toHaveLength(20);
    expect(rolledBackId).not.toBe("");

    // Relay A publishes every row (one batch), then "dies" before it marks them: they stay
    // claimed until its (short) lease passes.
    const killed = relay({
      batchSize: 50,
      leaseMs: 500,
      afterPublish: () => Promise.reject(new Error("killed after publish")),
    });
    await killed.start();
    await vi.waitFor(async () => expect((await fx.jsm.streams.info(fx.stream)).state.messages).toBe(20), {
      timeout: 10_000,
    });
    await killed.stop();
    expect(await fx.count("unpublished")).toBe(20);

    // Two fresh relays take over once the lease has passed (SKIP LOCKED shares the rows) and
    // republish the same ids.
    const b = relay();
    const c = relay();
    const consumer = fx.consumer("exactly-once");
    await Promise.all([b.start(), c.start(), consumer.start()]);
    await vi.waitFor(async () => expect(await fx.count("unpublished")).toBe(0), { timeout: 10_000 });
    await vi.waitFor(async () => expect(await fx.count("inbox", "exactly-once")).toBe(20), { timeout: 10_000 });

    // JetStream dropped every republish: the stream holds each event once.
    expect(b.stats().published + c.stats().published).toBe(20);
    expect(b.stats().duplicates + c.stats().duplicates).toBe(20);
    expect((await fx.jsm.streams.info(fx.stream)).state.messages).toBe(20);

    // Every message is acknowledged, so no stray redelivery can add a side effect after this.
    await vi.waitFor(async () => {
      const info = await fx.jsm.consumers.info(fx.stream, "exactly-once");
      expect([info.ack_floor.stream_seq, info.num_ack_pending]).toEqual([20, 0]);
    });
    const inbox = await fx.db.withSchema(fx.schema).selectFrom("inbox").select("event_id").execute();
    expect(inbox.map((row) => row.event_id).sort()).toEqual([...committed].sort());
    expect(await fx.count("effects", "exactly-once")).toBe(20);
    expect(inbox.map((row) => row.event_id)).not.toContain(rolledBackId);

    // New events flow promptly through the NOTIFY path (poll interval is far larger here).
    await b.stop();
    await c.stop();
    const notified = relay({ pollIntervalMs: 60_000 });
    await notified.start();
    const [later] = await fx.appendCommitted(1);
    await vi.waitFor(async () => expect(await fx.count("inbox", "exactly-once")).toBe(21), {
      timeout: 5_000,
      interval: 50,
    });
    expect(await fx.count("effects", "exactly-once")).toBe(21);
    expect(later).toBeDefined();
  });
});

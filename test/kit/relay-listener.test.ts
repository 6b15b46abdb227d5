import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { outboxChannel } from "../../services/kit/events/index.js";
import type { EventFixture } from "./event-fixture.js";
import { createEventFixture } from "./event-fixture.js";

describe("relay wake-ups", () => {
  let fx: EventFixture;

  beforeAll(async () => {
    fx = await createEventFixture();
  });
  afterAll(() => fx?.destroy());

  it("re-establishes LISTEN after its connection is killed, and catches up on what it missed", async () => {
    // The safety poll is out of the picture: only notifications can wake this relay.
    const relay = fx.relay({ pollIntervalMs: 120_000 });
    await relay.start();
    await fx.appendCommitted(2);
    await vi.waitFor(async () => expect(await fx.count("unpublished")).toBe(0), { timeout: 3_000, interval: 50 });

    const admin = new pg.Client({ connectionString: fx.env.databaseUrl });
    await admin.connect();
    try {
      const killed = await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and datname = current_database()",
        [`waybill-listen:${outboxChannel(fx.schema)}`],
      );
      expect(killed.rowCount).toBe(1);
    } finally {
      await admin.end();
    }
    // Appended while nobody listens: the notification is lost, the reconnect must catch up.
    await fx.appendCommitted(3);
    await vi.waitFor(async () => expect(await fx.count("unpublished")).toBe(0), { timeout: 8_000, interval: 100 });
    // And notifications work again on the new connection.
    await fx.appendCommitted(1);
    await vi.waitFor(async () => expect(await fx.count("unpublished")).toBe(0), { timeout: 3_000, interval: 50 });
    expect((await fx.jsm.streams.info(fx.stream)).state.messages).toBe(6);
  });

  it("stop() lets the consumer finish the messages it already pulled", async () => {
    const relay = fx.relay();
    await relay.start();
    await fx.appendCommitted(5);
    await vi.waitFor(async () => expect(await fx.count("unpublished")).toBe(0), { timeout: 3_000, interval: 50 });
    let handled = 0;
    let stopping: Promise<void> | undefined;
    const consumer = fx.consumer("draining", {
      prefetch: 10,
      handle: async (event, trx) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await trx
          .withSchema(fx.schema)
          .insertInto("effects")
          .values({ consumer: "draining", event_id: event.id })
          .execute();
        handled++;
        stopping ??= consumer.stop(); // shutdown begins while messages are buffered
      },
    });
    await consumer.start();
    await vi.waitFor(() => expect(stopping).toBeDefined(), { timeout: 5_000 });
    await stopping;
    // Nothing pulled was left unacknowledged: acks are sent without waiting for the server, so the
    // wait covers those still on the wire; an unacknowledged message would also keep the ack floor
    // below what was handled, checked next.
    await vi.waitFor(async () => expect((await fx.jsm.consumers.info(fx.stream, "draining")).num_ack_pending).toBe(0), {
      timeout: 5_000,
      interval: 50,
    });
    const info = await fx.jsm.consumers.info(fx.stream, "draining");
    expect(handled).toBe(info.ack_floor.stream_seq);
    expect(handled).toBeGreaterThan(1);
    expect(await fx.count("effects", "draining")).toBe(handled);
  });

  it("deletes published rows once they are past retention", async () => {
    const relay = fx.relay({ pollIntervalMs: 50, retentionMs: 300 });
    await relay.start();
    await fx.appendCommitted(3);
    await vi.waitFor(async () => expect(await fx.count("unpublished")).toBe(0), { timeout: 5_000, interval: 50 });
    expect(await fx.count("outbox")).toBeGreaterThan(0);
    await vi.waitFor(async () => expect(await fx.count("outbox")).toBe(0), { timeout: 5_000, interval: 100 });
    await relay.stop();
  });
});

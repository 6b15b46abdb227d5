import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { EventFixture } from "./event-fixture.js";
import { createEventFixture } from "./event-fixture.js";

describe("messages held by a consumer", () => {
  let fx: EventFixture;

  beforeAll(async () => {
    fx = await createEventFixture();
  });
  afterAll(() => fx?.destroy());

  it("are kept alive while they wait behind slower ones, so none is redelivered", async () => {
    const relay = fx.relay();
    await relay.start();
    await fx.appendCommitted(8);
    await vi.waitFor(async () => expect(await fx.count("unpublished")).toBe(0), { timeout: 5_000, interval: 50 });

    // Eight messages are pulled at once; the first one's handler works for 1.5 ack waits, so the
    // other seven wait longer than their ack wait, and only the consumer's keep-alives (every third
    // of it, so a pause of up to two seconds is tolerated) stop their redelivery.
    const ackWaitMs = 3_000;
    let handled = 0;
    const consumer = fx.consumer("patient", {
      prefetch: 8,
      ackWaitMs,
      handle: async (event, trx) => {
        if (handled === 0) await new Promise((resolve) => setTimeout(resolve, ackWaitMs * 1.5)); // slow work
        await trx
          .withSchema(fx.schema)
          .insertInto("effects")
          .values({ consumer: "patient", event_id: event.id })
          .execute();
        handled++;
      },
    });
    await consumer.start();
    await vi.waitFor(
      async () => expect((await fx.jsm.consumers.info(fx.stream, "patient")).ack_floor.stream_seq).toBe(8),
      { timeout: 15_000, interval: 100 },
    );
    const info = await fx.jsm.consumers.info(fx.stream, "patient");
    expect(info.num_redelivered).toBe(0);
    expect(info.delivered.consumer_seq).toBe(8);
    expect(handled).toBe(8);
    expect(await fx.count("effects", "patient")).toBe(8);
  });

  it("stop() returns whenever it comes, also while the first pull is being sent", async () => {
    // Each start sends a pull at once; stopping in the same tick lands in the window between
    // sending the pull and reading its batch.
    for (let round = 0; round < 20; round++) {
      const consumer = fx.consumer(`quick-${round}`);
      await consumer.start();
      await consumer.stop();
    }
    const late = fx.consumer("late");
    await late.start();
    await vi.waitFor(async () => expect(await fx.count("effects", "late")).toBe(8), { timeout: 10_000, interval: 50 });
    await late.stop();
    await vi.waitFor(async () => expect((await fx.jsm.consumers.info(fx.stream, "late")).num_ack_pending).toBe(0), {
      timeout: 5_000,
      interval: 50,
    });
  });
});

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

    // Eight messages pulled at once and handled one after another take 3.2 s: the last ones wait
    // longer than the 2 s ack wait, and only the consumer's keep-alives stop their redelivery.
    let handled = 0;
    const consumer = fx.consumer("patient", {
      prefetch: 8,
      ackWaitMs: 2_000,
      handle: async (event, trx) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
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
});

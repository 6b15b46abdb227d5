import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { EventFixture } from "./event-fixture.js";
import { createEventFixture } from "./event-fixture.js";

describe("consumer crash between commit and ack", () => {
  let fx: EventFixture;

  beforeAll(async () => {
    fx = await createEventFixture();
  });
  afterAll(() => fx?.destroy());

  it("redelivers after ackWait, skips the handler through the inbox, and never doubles the side effect", async () => {
    const ids = await fx.appendCommitted(5);
    const relay = fx.relay();
    await relay.start();

    // The first time each event commits, the "process dies": no ack, no nak.
    const afterCommitCalls = new Map<string, number>();
    const deliveredAt = new Map<string, number[]>();
    let handlerRuns = 0;
    const consumer = fx.consumer("crashy", {
      ackWaitMs: 1_000,
      handle: async (event, trx) => {
        handlerRuns++;
        await trx
          .withSchema(fx.schema)
          .insertInto("effects")
          .values({ consumer: "crashy", event_id: event.id })
          .execute();
      },
      afterCommit: (event) => {
        const calls = (afterCommitCalls.get(event.id) ?? 0) + 1;
        afterCommitCalls.set(event.id, calls);
        deliveredAt.set(event.id, [...(deliveredAt.get(event.id) ?? []), Date.now()]);
        if (calls === 1) throw new Error("crashed before ack");
      },
    });
    await consumer.start();

    // Every event is committed once, then redelivered, then acked.
    await vi.waitFor(
      async () => {
        expect([...afterCommitCalls.values()]).toEqual([2, 2, 2, 2, 2]);
        const info = await fx.jsm.consumers.info(fx.stream, "crashy");
        expect([info.ack_floor.stream_seq, info.num_ack_pending, info.num_pending]).toEqual([5, 0, 0]);
      },
      { timeout: 15_000, interval: 100 },
    );
    expect([...afterCommitCalls.keys()].sort()).toEqual([...ids].sort());
    // Redelivery came from JetStream's ack timer, not from a nak (the fixture naks after 50 ms).
    // The timer restarts at each keep-alive, sent every third of the ack wait while the message
    // is held, so it can run out no sooner than two thirds of the ack wait after the crash.
    for (const [first, second] of deliveredAt.values()) expect(second! - first!).toBeGreaterThanOrEqual(500);

    // Every message is acknowledged (waited for above), so no third delivery can follow.
    expect([...afterCommitCalls.values()]).toEqual([2, 2, 2, 2, 2]);
    expect(handlerRuns).toBe(5);
    expect(await fx.count("effects", "crashy")).toBe(5);
    expect(await fx.count("inbox", "crashy")).toBe(5);
  });
});

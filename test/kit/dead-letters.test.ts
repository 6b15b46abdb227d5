import { headers } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DependencyUnavailableError } from "../../services/kit/database/index.js";
import { listDeadLetters, redriveDeadLetters } from "../../services/kit/events/index.js";
import type { EventFixture } from "./event-fixture.js";
import { createEventFixture } from "./event-fixture.js";

describe("dead letters", () => {
  let fx: EventFixture;

  beforeAll(async () => {
    fx = await createEventFixture();
    const relay = fx.relay();
    await relay.start();
  });
  afterAll(() => fx?.destroy());

  it("dead-letters a message after maxDeliver failures and redrives it to be processed exactly once", async () => {
    let broken = true;
    let attempts = 0;
    const failing = fx.consumer("failing", {
      maxDeliver: 3,
      backoffMs: [50, 100],
      handle: async (event, trx) => {
        attempts++;
        // Written, then rolled back by the failure: must never be visible.
        await trx
          .withSchema(fx.schema)
          .insertInto("effects")
          .values({ consumer: "failing", event_id: event.id })
          .execute();
        if (broken) throw new Error("handler bug");
      },
    });
    const healthy = fx.consumer("healthy");
    await Promise.all([failing.start(), healthy.start()]);
    const [eventId] = await fx.appendCommitted(1);

    await vi.waitFor(
      async () =>
        expect(await listDeadLetters({ jsm: fx.jsm, prefix: fx.env.prefix, consumer: "failing" })).toHaveLength(1),
      {
        timeout: 10_000,
        interval: 100,
      },
    );
    const [dead] = await listDeadLetters({ jsm: fx.jsm, prefix: fx.env.prefix, consumer: "failing" });
    expect(dead).toMatchObject({
      reason: "max_deliveries",
      stream: fx.stream,
      consumer: "failing",
      deliveries: 3,
      message: {
        eventId,
        eventType: "waybill.inventory.v1.ItemCreated",
        subject: `${fx.env.prefix}.inventory.ItemCreated`,
      },
    });
    expect(attempts).toBe(3);
    expect(await fx.count("effects", "failing")).toBe(0);
    await vi.waitFor(async () => expect(await fx.count("effects", "healthy")).toBe(1));
    expect(await listDeadLetters({ jsm: fx.jsm, prefix: fx.env.prefix, consumer: "healthy" })).toEqual([]);

    // The bug is fixed and the dead letter redriven.
    broken = false;
    expect(
      await redriveDeadLetters({
        js: fx.js,
        jsm: fx.jsm,
        prefix: fx.env.prefix,
        consumer: "failing",
        logger: fx.logger,
      }),
    ).toBe(1);
    await vi.waitFor(async () => expect(await fx.count("effects", "failing")).toBe(1), {
      timeout: 10_000,
      interval: 100,
    });
    expect(attempts).toBe(4);
    expect(await listDeadLetters({ jsm: fx.jsm, prefix: fx.env.prefix })).toEqual([]);

    // The healthy consumer received the redriven copy too and skipped it through its inbox.
    await vi.waitFor(async () => {
      const info = await fx.jsm.consumers.info(fx.stream, "healthy");
      expect(info.delivered.stream_seq).toBe(2);
      expect(info.num_ack_pending).toBe(0);
    });
    expect(await fx.count("effects", "healthy")).toBe(1);
    expect(await fx.count("effects", "failing")).toBe(1);
    expect(await fx.count("inbox", "failing")).toBe(1);
    // Nothing left to redrive.
    expect(await redriveDeadLetters({ js: fx.js, jsm: fx.jsm, prefix: fx.env.prefix, logger: fx.logger })).toBe(0);
  });

  it("terminates a poison message, which lands in the dead-letter stream at once", async () => {
    const poison = fx.consumer("poison-watch", { filterSubject: `${fx.env.prefix}.inventory.Garbage` });
    await poison.start();
    const h = headers();
    h.set("Waybill-Event-Type", "waybill.inventory.v1.Garbage");
    await fx.js.publish(`${fx.env.prefix}.inventory.Garbage`, new TextEncoder().encode("not protobuf \u0000\u00ff"), {
      msgID: "garbage-1",
      headers: h,
    });

    await vi.waitFor(
      async () =>
        expect(await listDeadLetters({ jsm: fx.jsm, prefix: fx.env.prefix, consumer: "poison-watch" })).toHaveLength(1),
      { timeout: 10_000, interval: 100 },
    );
    const [dead] = await listDeadLetters({ jsm: fx.jsm, prefix: fx.env.prefix, consumer: "poison-watch" });
    expect(dead).toMatchObject({ reason: "terminated", deliveries: 1, message: { eventId: "garbage-1" } });
    expect(await fx.count("inbox", "poison-watch")).toBe(0);
  });

  it("holds a message while PostgreSQL is unreachable instead of spending its deliveries", async () => {
    let outages = 0;
    const patient = fx.consumer("patient", {
      maxDeliver: 2,
      // One message in flight: what this proves is the hold itself (see the consumer's docs for
      // messages already prefetched when an outage begins).
      prefetch: 1,
      backoffMs: [50],
      handle: async (event, trx) => {
        // Five outages in a row would dead-letter the event twice over if each spent a delivery.
        if (outages < 5) {
          outages++;
          throw new DependencyUnavailableError("PostgreSQL", "127.0.0.1:5432", new Error("connection refused"));
        }
        await trx
          .withSchema(fx.schema)
          .insertInto("effects")
          .values({ consumer: "patient", event_id: event.id })
          .execute();
      },
    });
    await patient.start();
    await fx.appendCommitted(1);
    // Every event of the stream reaches this consumer; the first one meets the outage.
    const streamEvents = (await fx.jsm.streams.info(fx.stream)).state.messages;
    await vi.waitFor(async () => expect(await fx.count("inbox", "patient")).toBe(streamEvents - 1), {
      timeout: 15_000,
      interval: 100,
    });
    expect(outages).toBe(5);
    const info = await fx.jsm.consumers.info(fx.stream, "patient");
    expect(info.num_redelivered).toBe(0);
    const dead = await listDeadLetters({ jsm: fx.jsm, prefix: fx.env.prefix, consumer: "patient" });
    expect(dead.filter((d) => d.reason === "max_deliveries")).toHaveLength(0);
  });
});

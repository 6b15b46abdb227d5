import type { JsMsg } from "@nats-io/jetstream";
import { nanos } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventConsumer, ServiceEvents } from "../../services/kit/events/index.js";
import { waitUntil } from "../support/index.js";
import type { EventFixture, FixtureDb } from "./event-fixture.js";
import { createEventFixture } from "./event-fixture.js";

describe("consumers' ack wait", () => {
  let fx: EventFixture;
  let events: ServiceEvents<FixtureDb>;
  const started: EventConsumer[] = [];

  beforeAll(async () => {
    fx = await createEventFixture();
    // As a service gets it, with EVENT_ACK_WAIT_MS=1500.
    events = fx.serviceEvents(1_500);
  });
  afterAll(async () => {
    await Promise.all(started.map((consumer) => consumer.stop()));
    await fx?.destroy();
  });

  const consumer = (name: string, ackWaitMs?: number) => {
    const created = events.consumer({
      name,
      from: "inventory",
      ...(ackWaitMs === undefined ? {} : { ackWaitMs }),
      handle: async (event, trx) => {
        await trx.withSchema(fx.schema).insertInto("effects").values({ consumer: name, event_id: event.id }).execute();
      },
    });
    started.push(created);
    return created;
  };

  it("is the process's setting unless a consumer sets its own, and 10 s by default", async () => {
    await consumer("acks-setting").start();
    await consumer("acks-own", 4_000).start();
    await fx.consumer("acks-default", { ackWaitMs: undefined }).start();
    const ackWait = async (name: string) => (await fx.jsm.consumers.info(fx.stream, name)).config.ack_wait;
    expect(await ackWait("acks-setting")).toBe(nanos(1_500));
    expect(await ackWait("acks-own")).toBe(nanos(4_000));
    expect(await ackWait("acks-default")).toBe(nanos(10_000));
  });

  it("bounds how long a stalled process keeps the messages it pulled: another replica gets them after it", async () => {
    const healthy = consumer("stalled-share");
    await healthy.start();
    await healthy.stop();
    const relay = fx.relay();
    await relay.start();
    const ids = await fx.appendCommitted(2);
    await waitUntil(
      () => fx.count("unpublished"),
      (n) => n === 0,
      "events published",
    );

    // A replica pulls both and stalls: no ack, no keep-alive.
    const stalled = await fx.js.consumers.get(fx.stream, "stalled-share");
    const held: JsMsg[] = [];
    for await (const msg of await stalled.fetch({ max_messages: 2, expires: 2_000 })) held.push(msg);
    expect(held).toHaveLength(2);

    // The other replica handles them once their ack wait has run out, seconds later.
    const pulledAt = Date.now();
    await consumer("stalled-share").start();
    await waitUntil(
      () => fx.count("effects", "stalled-share"),
      (n) => n === 2,
      "redelivery to the other replica",
      5_000,
    );
    expect(Date.now() - pulledAt).toBeLessThan(5_000);
    const info = await fx.jsm.consumers.info(fx.stream, "stalled-share");
    // Two deliveries to the stalled replica, two redeliveries to the healthy one.
    expect(info.delivered.consumer_seq).toBe(4);
    const effects = await fx.db
      .withSchema(fx.schema)
      .selectFrom("effects")
      .select("event_id")
      .where("consumer", "=", "stalled-share")
      .execute();
    expect(effects.map((row) => row.event_id).sort()).toEqual([...ids].sort());
  });
});

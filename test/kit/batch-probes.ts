import type { JsMsg } from "@nats-io/jetstream";
import { AckPolicy, DeliverPolicy } from "@nats-io/jetstream";
import { nanos } from "@nats-io/transport-node";
import { sql } from "kysely";
import type { ConsumedEvent, EventHandler } from "../../services/kit/events/index.js";
import { waitUntil } from "../support/index.js";
import { createEventFixture, type EventFixture, type FixtureDb } from "./event-fixture.js";

/** A durable consumer that a test pulls from by hand. */
export interface PullingConsumer {
  readonly name: string;
  /** Pulls exactly `count` messages, waiting for them. */
  pull(count: number): Promise<JsMsg[]>;
}

/** What the batch tests read and write through an {@link EventFixture} (with a started relay). */
export interface BatchProbes {
  /** Handler runs by event id, rolled-back ones included. */
  readonly runs: Map<string, number>;
  /** Appends `count` events and waits until they are in the stream; their ids in stream order. */
  published(count: number): Promise<string[]>;
  /** Waits until the relay has published every appended event. */
  allPublished(): Promise<void>;
  /** Publishes a stored event once more under another message id, as a second publication would. */
  publishCopy(id: string): Promise<void>;
  /** A durable consumer (ack wait 1 s) reading the stream from its next message on. */
  pullingConsumer(): Promise<PullingConsumer>;
  /** A handler writing one effect row per event (counted in `runs`); throws what `fails` returns, after writing. */
  recordEffect(name: string, fails?: (event: ConsumedEvent) => Error | undefined): EventHandler<FixtureDb>;
  /** A consumer's effects: event id → the transactions (`xmin`) that wrote its rows, in insertion order. */
  effects(name: string): Promise<Map<string, string[]>>;
  /** The event ids of a consumer's inbox, sorted. */
  inboxIds(name: string): Promise<string[]>;
  /** How many of a consumer's messages wait for an acknowledgement. */
  ackPending(name: string): Promise<number>;
}

/**
 * Builds the probes of one test file over its fixture.
 *
 * @example
 * const probes = createBatchProbes(fx);
 * const { name, pull } = await probes.pullingConsumer();
 * const ids = await probes.published(3);
 */
export function createBatchProbes(fx: EventFixture): BatchProbes {
  const runs = new Map<string, number>();
  let consumers = 0;
  const allPublished = async () => {
    await waitUntil(
      () => fx.count("unpublished"),
      (n) => n === 0,
      "the events to be published",
    );
  };
  return {
    runs,
    allPublished,
    async published(count) {
      const ids = await fx.appendCommitted(count);
      await allPublished();
      return ids;
    },
    async publishCopy(id) {
      const row = await fx.db
        .withSchema(fx.schema)
        .selectFrom("outbox")
        .select(["subject", "payload"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      await fx.js.publish(row.subject, row.payload, { msgID: `copy-${id}` });
    },
    async pullingConsumer() {
      const name = `batch-${++consumers}`;
      const { last_seq } = (await fx.jsm.streams.info(fx.stream)).state;
      await fx.jsm.consumers.add(fx.stream, {
        durable_name: name,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: last_seq + 1,
        filter_subject: `${fx.env.prefix}.inventory.ItemCreated`,
        ack_wait: nanos(1_000),
        max_deliver: 5,
      });
      return {
        name,
        async pull(count) {
          const consumer = await fx.js.consumers.get(fx.stream, name);
          const messages: JsMsg[] = [];
          while (messages.length < count) {
            const batch = await consumer.fetch({ max_messages: count - messages.length, expires: 5_000 });
            for await (const msg of batch) messages.push(msg);
          }
          return messages;
        },
      };
    },
    recordEffect(name, fails = () => undefined) {
      return async (event, trx) => {
        runs.set(event.id, (runs.get(event.id) ?? 0) + 1);
        await trx.withSchema(fx.schema).insertInto("effects").values({ consumer: name, event_id: event.id }).execute();
        const failure = fails(event);
        if (failure) throw failure;
      };
    },
    async effects(name) {
      const rows = await fx.db
        .withSchema(fx.schema)
        .selectFrom("effects")
        .select(["event_id", sql<string>`xmin::text`.as("tx")])
        .where("consumer", "=", name)
        .orderBy("id")
        .execute();
      const byEvent = new Map<string, string[]>();
      for (const row of rows) byEvent.set(row.event_id, [...(byEvent.get(row.event_id) ?? []), row.tx]);
      return byEvent;
    },
    async inboxIds(name) {
      const rows = await fx.db
        .withSchema(fx.schema)
        .selectFrom("inbox")
        .select("event_id")
        .where("consumer", "=", name)
        .orderBy("event_id")
        .execute();
      return rows.map((row) => row.event_id);
    },
    async ackPending(name) {
      return (await fx.jsm.consumers.info(fx.stream, name)).num_ack_pending;
    },
  };
}

/** How many transactions wrote the effects (see {@link BatchProbes.effects}). */
export function transactionsOf(effects: ReadonlyMap<string, readonly string[]>): number {
  return new Set([...effects.values()].flat()).size;
}

/** A batch test file's fixture with its relay started (polling every 50 ms), and its probes. */
export async function startBatchFixture(): Promise<{ readonly fx: EventFixture; readonly probes: BatchProbes }> {
  const fx = await createEventFixture();
  await fx.relay({ pollIntervalMs: 50 }).start();
  return { fx, probes: createBatchProbes(fx) };
}

import { Code, ConnectError } from "@connectrpc/connect";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DependencyUnavailableError } from "../../services/kit/database/index.js";
import type { ConsumedEvent, EventConsumer, ServiceEvents } from "../../services/kit/events/index.js";
import { listDeadLetters } from "../../services/kit/events/index.js";
import { waitFor, waitUntil } from "../support/index.js";
import type { EventFixture, FixtureDb } from "./event-fixture.js";
import { createEventFixture } from "./event-fixture.js";

/**
 * A consumer's `prepare`: run before the handler's transaction opens, with none open; its result
 * handed to the handler; its failures treated as the handler's (an unavailable dependency holds
 * the message, anything else spends the delivery).
 */
describe("consumers that prepare events", () => {
  let fx: EventFixture;
  let events: ServiceEvents<FixtureDb>;
  const started: EventConsumer[] = [];

  beforeAll(async () => {
    fx = await createEventFixture();
    await fx.relay().start();
    events = fx.serviceEvents(1_000);
  });
  afterAll(async () => {
    await Promise.all(started.map((consumer) => consumer.stop()));
    await fx?.destroy();
  });

  /** Appends one event, waits until it is in the stream and returns a filter accepting only it. */
  async function oneEvent(): Promise<{ readonly id: string; readonly only: (event: ConsumedEvent) => boolean }> {
    const [id] = await fx.appendCommitted(1);
    await waitUntil(
      () => fx.count("unpublished"),
      (n) => n === 0,
      "the event to be published",
    );
    return { id: id!, only: (event) => event.id === id };
  }

  const effects = (consumer: string) =>
    fx.db.withSchema(fx.schema).selectFrom("effects").select("event_id").where("consumer", "=", consumer).execute();

  /**
   * Sessions of the test database idle inside a transaction that began before this call and stays
   * open while the caller waits: other work's short transactions end meanwhile, one held across
   * the caller (a preparation inside the handler's transaction) does not.
   */
  async function idleInTransactionAcrossCaller(): Promise<number> {
    const { rows } = await sql<{ at: Date }>`SELECT clock_timestamp() AS at`.execute(fx.db);
    const since = rows[0]!.at;
    return waitFor(
      async () => {
        const open = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid()
             AND state LIKE 'idle in transaction%' AND xact_start < ${since}`.execute(fx.db);
        return open.rows[0]!.n;
      },
      (n) => n === 0,
      5_000,
    );
  }

  it("prepares with no transaction open and hands the result to the handler, in its transaction", async () => {
    const { id, only } = await oneEvent();
    const openWhilePreparing: number[] = [];
    const consumer = events.consumer({
      name: "prepare-outside",
      from: "inventory",
      accepts: only,
      prepare: async (event) => {
        openWhilePreparing.push(await idleInTransactionAcrossCaller());
        return { effectOf: `prepared-${event.id.slice(0, 8)}` };
      },
      handle: async (event, trx, prepared) => {
        await trx
          .withSchema(fx.schema)
          .insertInto("effects")
          .values({ consumer: prepared.effectOf, event_id: event.id })
          .execute();
      },
    });
    started.push(consumer);
    await consumer.start();
    const written = await waitUntil(
      () => effects(`prepared-${id.slice(0, 8)}`),
      (rows) => rows.length === 1,
      "the handler to write what was prepared",
    );
    expect(written).toEqual([{ event_id: id }]);
    // A preparation inside the handler's transaction would leave it idle, waiting.
    expect(openWhilePreparing).toEqual([0]);
    expect(await fx.count("inbox", "prepare-outside")).toBe(1);
  });

  it("holds the message while the database or a service it calls is unavailable, spending no delivery", async () => {
    const { id, only } = await oneEvent();
    const outages: Error[] = [
      new DependencyUnavailableError("PostgreSQL", "127.0.0.1:5432", new Error("connection refused")),
      new ConnectError("the peer is restarting", Code.Unavailable),
      new ConnectError("the peer is restarting", Code.Unavailable),
    ];
    let calls = 0;
    const consumer = events.consumer({
      name: "prepare-outage",
      from: "inventory",
      accepts: only,
      // Fewer deliveries than failures: a spent delivery per failure would dead-letter the event.
      maxDeliver: 2,
      backoffMs: [50],
      prepare: async () => {
        const outage = outages[calls++];
        if (outage) throw outage;
        return "ready";
      },
      handle: async (event, trx, prepared) => {
        await trx
          .withSchema(fx.schema)
          .insertInto("effects")
          .values({ consumer: prepared, event_id: event.id })
          .execute();
      },
    });
    started.push(consumer);
    await consumer.start();
    await waitUntil(
      () => effects("ready"),
      (rows) => rows.some((row) => row.event_id === id),
      "the event to be handled once the outage is over",
    );
    expect(calls).toBe(4);
    expect(await listDeadLetters({ jsm: fx.jsm, prefix: fx.env.prefix, consumer: "prepare-outage" })).toEqual([]);
  });

  it("spends a delivery on any other failure, without opening the handler's transaction", async () => {
    const { id, only } = await oneEvent();
    let calls = 0;
    let handled = 0;
    const consumer = events.consumer({
      name: "prepare-broken",
      from: "inventory",
      accepts: only,
      maxDeliver: 2,
      backoffMs: [50],
      prepare: async (): Promise<string> => {
        calls++;
        throw new ConnectError("the peer refuses", Code.FailedPrecondition);
      },
      handle: async () => {
        handled++;
      },
    });
    started.push(consumer);
    await consumer.start();
    const [dead] = await waitUntil(
      () => listDeadLetters({ jsm: fx.jsm, prefix: fx.env.prefix, consumer: "prepare-broken" }),
      (letters) => letters.length === 1,
      "the event to be dead-lettered",
    );
    expect(dead).toMatchObject({ reason: "max_deliveries", deliveries: 2, message: { eventId: id } });
    expect(calls).toBe(2);
    expect(handled).toBe(0);
    expect(await fx.count("inbox", "prepare-broken")).toBe(0);
  });

  it("gives a handler a prepared value only from a preparer (checked by the compiler)", () => {
    // Built, never started: what matters is which options compile.
    const withPreparer = events.consumer({
      name: "typed-prepared",
      from: "inventory",
      prepare: async () => 42,
      handle: async (_event, _trx, prepared) => {
        const answer: number = prepared;
        void answer;
      },
    });
    const without = events.consumer({
      name: "typed-plain",
      from: "inventory",
      handle: async (_event, _trx, prepared) => {
        const nothing: undefined = prepared;
        void nothing;
      },
    });
    events.consumer({
      name: "typed-none",
      from: "inventory",
      // @ts-expect-error a handler expecting a prepared value needs a preparer
      handle: async (_e, _t, prepared: number) => void prepared,
    });
    events.consumer({
      name: "typed-mismatch",
      from: "inventory",
      // @ts-expect-error the handler must take what the preparer returns
      prepare: async () => "text",
      handle: async (_e, _t, p: number) => void p,
    });
    expect([withPreparer, without].every((consumer) => typeof consumer.start === "function")).toBe(true);
  });
});

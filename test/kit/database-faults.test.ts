import { Code, ConnectError } from "@connectrpc/connect";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import { createWaybill } from "@waybill/sdk/node";
import type { Kysely } from "kysely";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTokenIssuer } from "../../services/kit/auth/index.js";
import {
  createDatabase,
  databaseNameOf,
  isDatabaseUnavailable,
  withDatabase,
} from "../../services/kit/database/index.js";
import { outboxChannel } from "../../services/kit/events/index.js";
import {
  createIsolatedEnvironment,
  createRecordingLogger,
  type IsolatedEnvironment,
  itemRequest,
  spawnWaybill,
  type WaybillProcess,
  waitFor,
  waitUntil,
} from "../support/index.js";
import { createEventFixture, type EventFixture } from "./event-fixture.js";

/** Runs one statement on a connection of its own (the test's admin, never one of the pool's). */
async function adminQuery<Row extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Terminates every backend of the database in `url` but the one asking, as a restart or an
 * operator would; returns how many there were.
 */
async function terminateAllBackends(url: string): Promise<number> {
  // Materialized, so that the admin's own backend is filtered out before anything is terminated.
  const rows = await adminQuery<{ pid: number }>(
    url,
    `with targets as materialized (
       select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
     )
     select pid from targets where pg_terminate_backend(pid)`,
  );
  return rows.length;
}

/**
 * Records what reaches `process`'s `uncaughtException`: an `error` event nobody listens for on a
 * `pg` client ends up there (and would kill a Waybill process).
 */
function watchUncaught(): { readonly errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const record = (error: unknown) => errors.push(error);
  process.on("uncaughtException", record);
  return { errors, stop: () => process.off("uncaughtException", record) };
}

describe("a lost PostgreSQL connection", () => {
  let env: IsolatedEnvironment;
  let db: Kysely<unknown>;
  let uncaught: ReturnType<typeof watchUncaught>;
  const logged: string[] = [];

  beforeAll(async () => {
    env = await createIsolatedEnvironment();
    db = createDatabase({ url: env.databaseUrl, logger: createRecordingLogger(logged), max: 2 });
  });
  afterAll(async () => {
    await db?.destroy();
    await env?.cleanup();
  });
  beforeEach(() => {
    uncaught = watchUncaught();
  });
  afterEach(() => uncaught.stop());

  const backendPid = async (): Promise<number> =>
    (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;

  it("fails only the transaction that held it idle, and the next query gets a new connection", async () => {
    let killed = 0;
    const outcome = await db
      .transaction()
      .execute(async (trx) => {
        killed = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid;
        const before = logged.length;
        // The connection is checked out and idle in this transaction, as while the relay publishes.
        await adminQuery(env.databaseUrl, "select pg_terminate_backend($1)", [killed]);
        // The client hears of it while idle: pg emits `error` on it, with nobody of pg-pool listening.
        await waitUntil(
          async () => logged.slice(before).join(""),
          (lines) => lines.includes("PostgreSQL connection lost"),
          "the connection's error",
          5_000,
        );
        await sql`select 1`.execute(trx);
      })
      .then(
        () => new Error("the transaction committed"),
        (error: unknown) => error,
      );
    expect(uncaught.errors).toEqual([]);
    expect(isDatabaseUnavailable(outcome)).toBe(true);
    // The broken connection left the pool: the next query works, on another backend.
    const next = await backendPid();
    expect(next).not.toBe(killed);
    expect(logged.filter((line) => line.includes("PostgreSQL connection lost"))).toHaveLength(1);
  });

  it("fails a query in flight as unavailable (57P01) and the pool recovers", async () => {
    const sleeping = sql`select pg_sleep(30)`.execute(db).then(
      () => new Error("the query finished"),
      (error: unknown) => error,
    );
    const [target] = await waitFor(
      () =>
        adminQuery<{ pid: number }>(
          env.databaseUrl,
          "select pid from pg_stat_activity where datname = current_database() and query = 'select pg_sleep(30)'",
        ),
      (rows) => rows.length === 1,
    );
    expect(target).toBeDefined();
    await adminQuery(env.databaseUrl, "select pg_terminate_backend($1)", [target!.pid]);
    const error = await sleeping;
    expect((error as { code?: string }).code).toBe("57P01");
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(uncaught.errors).toEqual([]);
    expect(await backendPid()).not.toBe(target!.pid);
  });

  it("ends a session left idle in a transaction after idle_in_transaction_session_timeout", async () => {
    const short = createDatabase({
      url: env.databaseUrl,
      logger: createRecordingLogger([]),
      idleInTransactionTimeoutMs: 300,
    });
    try {
      const shown = await sql<{
        value: string;
      }>`select current_setting('idle_in_transaction_session_timeout') as value`.execute(short);
      expect(shown.rows[0]!.value).toBe("300ms");
      const outcome = await short
        .transaction()
        .execute(async (trx) => {
          const { pid } = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!;
          // A frozen process: nothing happens in its transaction until the server has ended it.
          await waitUntil(
            () => adminQuery(env.databaseUrl, "select 1 from pg_stat_activity where pid = $1", [pid]),
            (rows) => rows.length === 0,
            "the server to end the idle transaction",
            5_000,
          );
          await sql`select 1`.execute(trx);
        })
        .then(
          () => new Error("the transaction committed"),
          (error: unknown) => error,
        );
      expect(isDatabaseUnavailable(outcome)).toBe(true);
      expect(uncaught.errors).toEqual([]);
      expect((await sql<{ one: number }>`select 1 as one`.execute(short)).rows).toEqual([{ one: 1 }]);
    } finally {
      await short.destroy();
    }
    // 0 leaves the server's own setting alone.
    const [serverDefault] = await adminQuery<{ value: string }>(
      env.databaseUrl,
      "select current_setting('idle_in_transaction_session_timeout') as value",
    );
    const off = createDatabase({
      url: env.databaseUrl,
      logger: createRecordingLogger([]),
      idleInTransactionTimeoutMs: 0,
    });
    try {
      const shown = await sql<{
        value: string;
      }>`select current_setting('idle_in_transaction_session_timeout') as value`.execute(off);
      expect(shown.rows[0]!.value).toBe(serverDefault!.value);
    } finally {
      await off.destroy();
    }
  });
});

describe("consumers and the relay when connections are lost", () => {
  let fx: EventFixture;
  let uncaught: ReturnType<typeof watchUncaught>;
  const running: { stop(): Promise<void> }[] = [];
  /** A started relay of the fixture's schema, stopped after the test (so it cannot help the next one). */
  const startRelay = async (overrides: Parameters<EventFixture["relay"]>[0]) => {
    const relay = fx.relay(overrides);
    running.push(relay);
    await relay.start();
    return relay;
  };

  beforeAll(async () => {
    fx = await createEventFixture();
  });
  afterAll(() => fx?.destroy());
  beforeEach(() => {
    uncaught = watchUncaught();
  });
  afterEach(async () => {
    uncaught.stop();
    await Promise.all(running.splice(0).map((worker) => worker.stop()));
  });

  it("a consumer whose transaction loses its connection holds the message instead of spending a delivery", async () => {
    let losses = 0;
    const consumer = fx.consumer("lossy", {
      maxDeliver: 2,
      prefetch: 1,
      backoffMs: [50],
      handle: async (event, trx) => {
        // The handler's own backend is terminated under it, three times in a row: with a spent
        // delivery each, the event would be dead-lettered.
        if (losses < 3) {
          losses++;
          await sql`select pg_terminate_backend(pg_backend_pid())`.execute(trx);
        }
        await trx
          .withSchema(fx.schema)
          .insertInto("effects")
          .values({ consumer: "lossy", event_id: event.id })
          .execute();
      },
    });
    running.push(consumer);
    await consumer.start();
    const [id] = await fx.appendCommitted(1);
    await startRelay({ pollIntervalMs: 50 });
    await waitUntil(
      () =>
        fx.db
          .withSchema(fx.schema)
          .selectFrom("effects")
          .select("event_id")
          .where("consumer", "=", "lossy")
          .where("event_id", "=", id!)
          .execute(),
      (rows) => rows.length === 1,
      "the event's effect",
    );
    expect(losses).toBe(3);
    expect(uncaught.errors).toEqual([]);
    expect((await fx.jsm.consumers.info(fx.stream, "lossy")).num_redelivered).toBe(0);
  });

  it("the relay's LISTEN reconnects by itself and then wakes the relay at once again", async () => {
    // The safety poll is out of the picture: only notifications can wake this relay in time.
    await startRelay({ pollIntervalMs: 120_000 });
    await fx.appendCommitted(1);
    await waitUntil(
      () => fx.count("unpublished"),
      (n) => n === 0,
      "the first publish",
      5_000,
    );
    const application = `waybill-listen:${outboxChannel(fx.schema)}`;
    const listening = () =>
      adminQuery<{ pid: number }>(
        fx.env.databaseUrl,
        "select pid from pg_stat_activity where datname = current_database() and application_name = $1 and query ilike 'listen%'",
        [application],
      );
    const [before] = await listening();
    expect(before).toBeDefined();
    await adminQuery(fx.env.databaseUrl, "select pg_terminate_backend($1)", [before!.pid]);
    const [after] = await waitUntil(
      listening,
      (rows) => rows.length === 1 && rows[0]!.pid !== before!.pid,
      "a new LISTEN connection",
      5_000,
    );
    expect(after!.pid).not.toBe(before!.pid);
    const published = (await fx.jsm.streams.info(fx.stream)).state.messages;
    await fx.appendCommitted(1);
    // Well within the poll interval: the notification on the new connection woke the relay.
    await waitUntil(
      () => fx.count("unpublished"),
      (n) => n === 0,
      "a publish woken by NOTIFY",
      3_000,
    );
    expect((await fx.jsm.streams.info(fx.stream)).state.messages).toBe(published + 1);
    expect(uncaught.errors).toEqual([]);
  });

  it("the relay's LISTEN keeps retrying while the database refuses connections, then catches up", async () => {
    const lines: string[] = [];
    await startRelay({ pollIntervalMs: 120_000, logger: createRecordingLogger(lines) });
    await fx.appendCommitted(1);
    await waitUntil(
      () => fx.count("unpublished"),
      (n) => n === 0,
      "the first publish",
      5_000,
    );
    const maintenance = withDatabase(fx.env.databaseUrl, "postgres");
    const name = databaseNameOf(fx.env.databaseUrl)!;
    const allowConnections = (allow: boolean) =>
      adminQuery(maintenance, `alter database "${name}" with allow_connections ${allow}`);
    await allowConnections(false);
    try {
      await adminQuery(
        maintenance,
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name = $2",
        [name, `waybill-listen:${outboxChannel(fx.schema)}`],
      );
      await waitUntil(
        async () => lines.filter((line) => line.includes("LISTEN reconnect failed")).length,
        (failures) => failures >= 2,
        "failed reconnects",
        5_000,
      );
      // Committed while nobody listens (on a connection the pool still holds): its NOTIFY is lost.
      await fx.appendCommitted(1);
    } finally {
      await allowConnections(true);
    }
    await waitUntil(
      () => fx.count("unpublished"),
      (n) => n === 0,
      "the catch-up after reconnecting",
      15_000,
    );
    expect(lines.some((line) => line.includes("LISTEN re-established"))).toBe(true);
    expect(uncaught.errors).toEqual([]);
  });
});

describe("a Waybill process whose connections are all terminated", () => {
  const secret = "database-faults-secret-of-thirty-two-chars";
  let env: IsolatedEnvironment;
  let waybill: WaybillProcess;
  let admin: Waybill;

  beforeAll(async () => {
    env = await createIsolatedEnvironment();
    waybill = await spawnWaybill(env, { SERVICES: "inventory", AUTH_SECRET: secret });
    const token = await createTokenIssuer(secret).sign({ subject: "faults", role: "admin" });
    admin = createWaybill({ baseUrl: waybill.url, token, protocol: "grpc" });
  });
  afterAll(async () => {
    await waybill?.kill("SIGKILL");
    await env?.cleanup();
  });

  it("survives, answers UNAVAILABLE at worst meanwhile, and keeps serving", { timeout: 90_000 }, async () => {
    await admin.inventory.createItem(itemRequest("acme", "MUG-1"));
    const codes = new Map<Code | "ok", number>();
    let succeeded = 0;
    let running = true;
    const load = async (worker: number) => {
      for (let i = 0; running; i++) {
        try {
          await admin.inventory.adjustStock({
            brandId: "acme",
            sku: "MUG-1",
            delta: 1n,
            reason: LedgerReason.RESTOCK,
            idempotencyKey: `load-${worker}-${i}`,
          });
          succeeded++;
          codes.set("ok", (codes.get("ok") ?? 0) + 1);
        } catch (error) {
          const code = ConnectError.from(error).code;
          codes.set(code, (codes.get(code) ?? 0) + 1);
        }
      }
    };
    const workers = [0, 1, 2, 3].map(load);
    try {
      for (let round = 0; round < 5; round++) {
        const progress = succeeded;
        await waitUntil(
          async () => succeeded,
          (n) => n >= progress + 10,
          `RPCs succeeding before round ${round}`,
        );
        expect(await terminateAllBackends(env.databaseUrl)).toBeGreaterThan(0);
      }
      const progress = succeeded;
      await waitUntil(
        async () => succeeded,
        (n) => n >= progress + 10,
        "RPCs succeeding after the last round",
      );
    } finally {
      running = false;
      await Promise.all(workers);
    }
    // Only UNAVAILABLE (retryable) may have answered a call that met a lost connection.
    expect([...codes.keys()].filter((code) => code !== "ok" && code !== Code.Unavailable)).toEqual([]);
    expect(waybill.output()).not.toMatch(/Unhandled 'error' event|uncaught/i);
    // Still the same process, still serving, and its relay caught up with everything it committed.
    const item = await admin.inventory.getItem({ brandId: "acme", sku: "MUG-1" });
    expect(item.item?.sku).toBe("MUG-1");
    await waitUntil(
      () =>
        adminQuery<{ n: number }>(
          env.databaseUrl,
          "select count(*)::int as n from inventory.outbox where published_at is null",
        ),
      (rows) => rows[0]?.n === 0,
      "the relay to publish what was committed",
    );
  });
});

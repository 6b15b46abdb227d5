import type { metrics as sdkMetrics } from "@opentelemetry/sdk-node";
import { type Kysely, sql } from "kysely";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDatabase,
  createSampledReading,
  databaseNameOf,
  readBriefly,
} from "../../services/kit/database/index.js";
import {
  createIsolatedEnvironment,
  createTestLogger,
  type IsolatedEnvironment,
  registerGaugeReaders,
  waitFor,
} from "../support/index.js";

// Registered before the code under test starts, in this process: its instruments take the meter
// from the global API.
const { reader, observedNow } = registerGaugeReaders();

/** The points of the metric `name` in a collection made now (failing on any callback error). */
async function pointsOf(name: string, by: sdkMetrics.MetricReader = reader) {
  const { resourceMetrics, errors } = await by.collect();
  expect(errors).toEqual([]);
  const found = resourceMetrics.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .filter((m) => m.descriptor.name === name);
  return found.flatMap((metric) =>
    metric.dataPoints.map((point) => ({
      unit: metric.descriptor.unit,
      attributes: point.attributes,
      value: point.value,
    })),
  );
}

/** The pool's used and idle connections and its waiting requests, as the metrics report them now. */
async function poolState(poolName: string, by: sdkMetrics.MetricReader = reader) {
  const counts = (await pointsOf("db.client.connection.count", by)).filter(
    (point) => point.attributes["db.client.connection.pool.name"] === poolName,
  );
  const pending = (await pointsOf("db.client.connection.pending_requests", by)).filter(
    (point) => point.attributes["db.client.connection.pool.name"] === poolName,
  );
  const state = (name: string) => counts.find((point) => point.attributes["db.client.connection.state"] === name);
  return {
    used: state("used")?.value,
    idle: state("idle")?.value,
    pending: pending[0]?.value,
    units: [...new Set([...counts, ...pending].map((point) => point.unit))].sort(),
    points: counts.length + pending.length,
  };
}

const logger = createTestLogger();
let env: IsolatedEnvironment;

beforeAll(async () => {
  env = await createIsolatedEnvironment();
});
afterAll(() => env?.cleanup());

describe("PostgreSQL pool metrics", () => {
  it("report used and idle connections and waiting requests under load, named by server and database, until the pool closes", async () => {
    const db = createDatabase<unknown>({ url: env.databaseUrl, logger, max: 3 });
    const poolName = `127.0.0.1:5432/${databaseNameOf(env.databaseUrl)}`;
    try {
      await sql`select 1`.execute(db);
      expect(await poolState(poolName)).toEqual({
        used: 0,
        idle: 1,
        pending: 0,
        units: ["{connection}", "{request}"],
        points: 3,
      });

      // Three transactions hold every connection; two more queries wait for one.
      let open: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      const holders = Array.from({ length: 3 }, () =>
        db.transaction().execute(async (trx) => {
          await sql`select 1`.execute(trx);
          await gate;
        }),
      );
      const waiters = Array.from({ length: 2 }, () => sql`select 1`.execute(db));
      const busy = await waitFor(
        () => poolState(poolName),
        (s) => s.used === 3 && s.pending === 2,
      );
      expect(busy).toMatchObject({ used: 3, idle: 0, pending: 2 });

      open();
      await Promise.all([...holders, ...waiters]);
      const calm = await waitFor(
        () => poolState(poolName),
        (s) => s.used === 0,
      );
      expect(calm).toMatchObject({ used: 0, idle: 3, pending: 0 });
      expect((await poolState(poolName, observedNow)).points).toBe(3);
    } finally {
      await db.destroy();
    }
    expect((await poolState(poolName, observedNow)).points).toBe(0);
  });

  it("takes the pool name given", async () => {
    const db = createDatabase<unknown>({ url: env.databaseUrl, logger, max: 1, poolName: "reports" });
    try {
      await sql`select 1`.execute(db);
      expect(await poolState("reports")).toMatchObject({ used: 0, idle: 1, pending: 0 });
    } finally {
      await db.destroy();
    }
  });
});

describe("reads behind metrics", () => {
  let db: Kysely<unknown>;
  beforeAll(() => {
    db = createDatabase<unknown>({ url: env.databaseUrl, logger, max: 2, poolName: "reads" });
  });
  afterAll(() => db?.destroy());

  it("readBriefly runs read-only under a statement timeout", async () => {
    const slow = readBriefly(db, 50, (trx) => sql`select pg_sleep(5)`.execute(trx));
    await expect(slow).rejects.toMatchObject({ code: "57014" });
    const write = readBriefly(db, 1_000, (trx) => sql`create table nope (id int)`.execute(trx));
    await expect(write).rejects.toMatchObject({ code: "25006" });
    const { rows } = await readBriefly(db, 1_000, (trx) => sql<{ n: number }>`select 41 + 1 as n`.execute(trx));
    expect(rows).toEqual([{ n: 42 }]);
  });

  it("a sampled reading shares one read among callers, and yields undefined (logged at debug) when the read fails or is late", async () => {
    const lines: string[] = [];
    const debug = pino({ level: "debug" }, { write: (line: string) => void lines.push(line) });
    let reads = 0;
    const count = createSampledReading({
      read: async () => {
        reads++;
        const { rows } = await readBriefly(db, 1_000, (trx) => sql<{ n: number }>`select 7 as n`.execute(trx));
        return rows[0]?.n;
      },
      logger: debug,
      what: "seven",
      maxAgeMs: 60_000,
    });
    expect(await Promise.all([count(), count(), count()])).toEqual([7, 7, 7]);
    expect(await count()).toBe(7);
    expect(reads).toBe(1);

    const failing = createSampledReading({
      read: () => readBriefly(db, 20, (trx) => sql`select pg_sleep(2)`.execute(trx)),
      logger: debug,
      what: "a slow query",
    });
    expect(await failing()).toBeUndefined();
    expect(lines.some((line) => line.includes("reading a slow query for metrics failed"))).toBe(true);

    const late = createSampledReading({
      read: () => readBriefly(db, 2_000, (trx) => sql`select pg_sleep(0.5)`.execute(trx)),
      logger: debug,
      what: "a late query",
      waitMs: 50,
    });
    expect(await late()).toBeUndefined();
    expect(lines.some((line) => line.includes("reading a late query for metrics took too long"))).toBe(true);
    await late.settled();
  });
});

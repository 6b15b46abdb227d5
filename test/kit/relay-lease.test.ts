import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboxRelay } from "../../services/kit/events/index.js";
import { createRecordingLogger, waitUntil } from "../support/index.js";
import type { EventFixture } from "./event-fixture.js";
import { createEventFixture } from "./event-fixture.js";
import { createGate } from "./gate.js";
import { messageIdCounts } from "./stream-message-ids.js";

/** A lease short enough for a test to outlast (the stream keeps its two-minute window). */
const leaseMs = 1_000;

describe("relay leases", () => {
  let fx: EventFixture;

  beforeAll(async () => {
    fx = await createEventFixture();
  });
  afterAll(() => fx?.destroy());

  const storedCounts = () => messageIdCounts(fx.js, fx.stream, `${fx.env.prefix}.inventory.ItemCreated`);

  /** The stream holds exactly `ids`, and each once (plus what earlier tests stored, once each). */
  async function expectOnceEach(ids: readonly string[]): Promise<void> {
    const counts = await storedCounts();
    expect(ids.map((id) => counts.get(id))).toEqual(ids.map(() => 1));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  }

  /** Starts relay B and waits until it has published every row (once the stalled relay's lease passed). */
  async function takeOver(): Promise<OutboxRelay> {
    const b = fx.relay({ leaseMs, pollIntervalMs: 50 });
    await b.start();
    await waitUntil(
      () => fx.count("unpublished"),
      (n) => n === 0,
      "relay B to take the rows over",
    );
    return b;
  }

  /** Publication state of `ids`, to see that nothing overwrote it. */
  async function markings(ids: readonly string[]) {
    return fx.db
      .withSchema(fx.schema)
      .selectFrom("outbox")
      .select(["id", "published_at", "claim_token", "claimed_until"])
      .where("id", "in", ids)
      .orderBy("id")
      .execute();
  }

  it("hands the rows of a relay frozen before sending to another; its late sends are dropped and its mark changes nothing", async () => {
    const ids = await fx.appendCommitted(5);
    const frozen = createGate();
    let waiting = 0;
    const a = fx.relay({
      leaseMs,
      pollIntervalMs: 60_000,
      beforePublish: async () => {
        waiting++;
        await frozen.opened;
      },
    });
    await a.start();
    await waitUntil(
      async () => waiting,
      (n) => n === 5,
      "relay A frozen before sending its batch",
    );

    // B claims the rows once A's lease has passed, publishes and marks them.
    const b = await takeOver();
    await b.stop();
    const marked = await markings(ids);
    expect(marked.every((row) => row.published_at !== null && row.claimed_until === null)).toBe(true);
    // B stored each row once (more publishes only if a slow machine made B outlive its own lease).
    expect(b.stats().published - b.stats().duplicates).toBe(5);

    // A wakes and sends late: JetStream drops every message; A's mark finds none of its rows.
    frozen.open();
    await waitUntil(
      async () => a.stats(),
      (stats) => stats.published === 5,
      "relay A's late sends",
    );
    await a.stop();
    expect(a.stats()).toMatchObject({ published: 5, duplicates: 5 });
    expect(await markings(ids)).toEqual(marked);
    await expectOnceEach(ids);
  });

  it("a relay stalled after claiming sends nothing once its lease has passed", async () => {
    const ids = await fx.appendCommitted(4);
    const stalled = createGate();
    let claims = 0;
    const a = fx.relay({
      leaseMs,
      pollIntervalMs: 60_000,
      afterClaim: async () => {
        claims++;
        if (claims === 1) await stalled.opened;
      },
    });
    await a.start();
    await waitUntil(
      async () => claims,
      (n) => n === 1,
      "relay A's claim",
    );

    const b = await takeOver();
    const marked = await markings(ids);
    stalled.open();
    await a.stop();
    await b.stop();
    expect(a.stats().published).toBe(0);
    expect(await markings(ids)).toEqual(marked);
    await expectOnceEach(ids);
  });

  it("survives its database connections being terminated between claim and mark, and in the mark itself", async () => {
    const admin = new pg.Client({ connectionString: fx.env.databaseUrl });
    const locker = new pg.Client({ connectionString: fx.env.databaseUrl });
    await Promise.all([admin.connect(), locker.connect()]);
    const spared = [
      (await admin.query("select pg_backend_pid() as pid")).rows[0].pid,
      (await locker.query("select pg_backend_pid() as pid")).rows[0].pid,
    ];
    const lines: string[] = [];
    try {
      const ids = await fx.appendCommitted(8);
      let claims = 0;
      let terminated = 0;
      const relay = fx.relay({
        leaseMs,
        pollIntervalMs: 50,
        logger: createRecordingLogger(lines),
        // After its first claim, the relay loses every connection it has (the pool's and LISTEN's),
        // and one of its rows is locked so that its mark waits, on a fresh connection.
        afterClaim: async (claimed) => {
          if (claims++ > 0) return;
          const { rowCount } = await admin.query(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> all($1::int[])",
            [spared],
          );
          terminated = rowCount ?? 0;
          await locker.query("begin");
          await locker.query(`select 1 from ${fx.schema}.outbox where id = $1 for update`, [claimed[0]]);
        },
      });
      await relay.start();

      // The mark's connection is terminated while it waits.
      const [waiting] = await waitUntil(
        async () =>
          (
            await admin.query<{ pid: number }>(
              "select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
            )
          ).rows,
        (rows) => rows.length === 1,
        "the relay's mark to wait for the locked row",
      );
      expect(terminated).toBeGreaterThan(0);
      await admin.query("select pg_terminate_backend($1)", [waiting?.pid]);
      await locker.query("rollback");

      // The lost mark costs a retry once the lease has passed: republished (and dropped), marked.
      await waitUntil(
        () => fx.count("unpublished"),
        (n) => n === 0,
        "every row published and marked",
      );
      expect(lines.some((line) => line.includes("outbox batch failed"))).toBe(true);
      await expectOnceEach(ids);

      // Still running: a new event goes out through the recovered pool and listener.
      const [later = ""] = await fx.appendCommitted(1);
      await waitUntil(
        () => fx.count("unpublished"),
        (n) => n === 0,
        "a later event published",
      );
      await relay.stop();
      // Nine messages stored; the first batch's eight were sent again, and dropped.
      expect(relay.stats().published - relay.stats().duplicates).toBe(9);
      expect(relay.stats().duplicates).toBeGreaterThanOrEqual(8);
      await expectOnceEach([...ids, later]);
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(`${fx.schema}.outbox`)} where claimed_until is not null`.execute(
        fx.db,
      );
      expect(rows[0]?.n).toBe(0);
    } finally {
      await Promise.all([admin.end(), locker.end()]);
    }
  });
});

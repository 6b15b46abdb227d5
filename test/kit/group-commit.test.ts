import { type Kysely, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, createGroupCommit } from "../../services/kit/database/index.js";
import type { IsolatedEnvironment } from "../support/index.js";
import { createIsolatedEnvironment, createTestLogger, waitUntil } from "../support/index.js";

/** A table of counters the transactions below lock and bump. */
interface CounterDatabase {
  readonly counters: { readonly name: string; readonly value: number };
}

const logger = createTestLogger();

/** The SQLSTATE a submission failed with (`"resolved"` when it did not fail). */
const sqlStateOf = (submitted: Promise<unknown>) =>
  submitted.then(
    () => "resolved",
    (error: unknown) => (error as { code?: string }).code,
  );

// A transaction of the group commit that loses a conflict with a concurrent one (PostgreSQL's
// deadlock detector picks it, or its lock wait gives up) is rolled back by the server; the group
// commit runs it again instead of failing the request. Both conflicts are provoked for real, with
// a second session holding the rows.
describe("group commit under conflicts", () => {
  let env: IsolatedEnvironment;
  let db: Kysely<CounterDatabase>;
  let other: pg.Client;

  beforeAll(async () => {
    env = await createIsolatedEnvironment();
    db = createDatabase<CounterDatabase>({ url: env.databaseUrl, logger, max: 4 });
    await sql`create table counters (name text primary key, value integer not null)`.execute(db);
    other = new pg.Client({ connectionString: env.databaseUrl });
    await other.connect();
  });
  afterAll(async () => {
    await other?.end();
    await db?.destroy();
    await env?.cleanup();
  });

  const reset = async () => {
    await sql`truncate counters`.execute(db);
    await sql`insert into counters values ('a', 0), ('b', 0)`.execute(db);
  };
  const values = async () =>
    Object.fromEntries((await db.selectFrom("counters").selectAll().execute()).map((row) => [row.name, row.value]));

  it("runs a deadlocked transaction again, whichever side PostgreSQL chose to roll back", async () => {
    await reset();
    const commits = createGroupCommit<CounterDatabase, string, string>({
      db,
      maxBatch: 1,
      async run(trx, batch) {
        await sql`update counters set value = value + 1 where name = 'a'`.execute(trx);
        await sql`update counters set value = value + 1 where name = 'b'`.execute(trx);
        return batch;
      },
    });

    await other.query("begin");
    await other.query("update counters set value = value + 10 where name = 'b'");
    const submitted = commits.submit("both");
    // The group commit holds 'a' and waits for 'b': taking 'a' now closes the cycle.
    await waitUntil(
      () =>
        other.query(
          "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()",
        ),
      (result) => result.rows[0].n === 1,
      "the group commit waiting for row b",
    );
    const otherOutcome = await sqlStateOf(other.query("update counters set value = value + 10 where name = 'a'"));
    await other.query(otherOutcome === "resolved" ? "commit" : "rollback");

    await expect(submitted).resolves.toBe("both");
    const retries = commits.stats().conflictRetries;
    // Exactly one side lost: the other session (40P01, rolled back) or the group commit (run again).
    if (otherOutcome === "resolved") {
      expect(retries).toBe(1);
      expect(await values()).toEqual({ a: 11, b: 11 });
    } else {
      expect(otherOutcome).toBe("40P01");
      expect(retries).toBe(0);
      expect(await values()).toEqual({ a: 1, b: 1 });
    }
  });

  it("runs a transaction whose lock wait gave up again, and succeeds once the lock is free", async () => {
    await reset();
    let runs = 0;
    const commits = createGroupCommit<CounterDatabase, string, string>({
      db,
      maxBatch: 1,
      async run(trx, batch) {
        runs++;
        if (runs === 2) await other.query("commit");
        await sql`select 1 from counters where name = 'a' for update nowait`.execute(trx);
        await sql`update counters set value = value + 1 where name = 'a'`.execute(trx);
        return batch;
      },
    });
    await other.query("begin");
    await other.query("select 1 from counters where name = 'a' for update");

    await expect(commits.submit("a")).resolves.toBe("a");
    expect(runs).toBe(2);
    expect(commits.stats()).toMatchObject({ requests: 1, transactions: 2, conflictRetries: 1 });
    expect(await values()).toEqual({ a: 1, b: 0 });
  });

  it("gives the request the conflict after three transactions that all lost it", async () => {
    await reset();
    const commits = createGroupCommit<CounterDatabase, string, string>({
      db,
      maxBatch: 1,
      async run(trx, batch) {
        await sql`select 1 from counters where name = 'a' for update nowait`.execute(trx);
        return batch;
      },
    });
    await other.query("begin");
    await other.query("select 1 from counters where name = 'a' for update");
    try {
      expect(await sqlStateOf(commits.submit("a"))).toBe("55P03");
      expect(commits.stats()).toMatchObject({ transactions: 3, conflictRetries: 2 });
    } finally {
      await other.query("rollback");
    }
  });

  it("does not run a transaction again for an error that is not a conflict", async () => {
    await reset();
    const commits = createGroupCommit<CounterDatabase, string, string>({
      db,
      maxBatch: 1,
      async run(trx) {
        await sql`insert into counters values ('a', 5)`.execute(trx);
        return [];
      },
    });
    expect(await sqlStateOf(commits.submit("a"))).toBe("23505");
    expect(commits.stats()).toMatchObject({ transactions: 1, conflictRetries: 0 });
  });
});

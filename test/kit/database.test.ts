import { randomBytes } from "node:crypto";
import type { Kysely, Migration } from "kysely";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDatabase,
  dropDatabase,
  ensureDatabase,
  migrateSchema,
  withDatabase,
} from "../../services/kit/database/index.js";
import { eventTablesMigration } from "../../services/kit/events/index.js";
import type { IsolatedEnvironment } from "../support/index.js";
import { createIsolatedEnvironment, createTestLogger } from "../support/index.js";

const logger = createTestLogger();

async function databaseExists(url: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    return (await client.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

/** The part of PostgreSQL's catalog these tests read. */
interface Catalog {
  readonly "information_schema.tables": { readonly table_schema: string; readonly table_name: string };
}

describe("database kit", () => {
  let env: IsolatedEnvironment;
  const opened: Kysely<Catalog>[] = [];
  const open = () => {
    const db = createDatabase<Catalog>({ url: env.databaseUrl, logger, max: 3 });
    opened.push(db);
    return db;
  };

  beforeAll(async () => {
    env = await createIsolatedEnvironment();
  });
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.destroy()));
    await env.cleanup();
  });

  it("ensureDatabase creates a missing database, tolerates a race, and dropDatabase removes it", async () => {
    const name = `waybill_test_${randomBytes(5).toString("hex")}_ensure`;
    const url = withDatabase(env.databaseUrl, name);
    expect(await databaseExists(url, name)).toBe(false);
    try {
      // Two replicas starting together: one creates, the other must not fail.
      await Promise.all([ensureDatabase(url), ensureDatabase(url), ensureDatabase(url)]);
      expect(await databaseExists(url, name)).toBe(true);
      await ensureDatabase(url); // and again once it exists
      const db = createDatabase<unknown>({ url, logger });
      await db.selectNoFrom(sql<number>`1`.as("one")).execute(); // the pool connects to it
      await db.destroy();
    } finally {
      await dropDatabase(url);
    }
    expect(await databaseExists(url, name)).toBe(false);
  });

  it("dropDatabase works while other sessions are connected", async () => {
    const name = `waybill_test_${randomBytes(5).toString("hex")}_busy`;
    const url = withDatabase(env.databaseUrl, name);
    await ensureDatabase(url);
    const holder = new pg.Client({ connectionString: url });
    holder.on("error", () => undefined); // it is about to be terminated
    await holder.connect();
    await dropDatabase(url);
    expect(await databaseExists(url, name)).toBe(false);
    await holder.end().catch(() => undefined);
  });

  it("migrateSchema is safe when two replicas start at once and applies each migration once", async () => {
    let runs = 0;
    const counted: Migration = {
      async up(db) {
        runs++;
        // Unqualified: migrateSchema scopes search_path to the service schema.
        await db.schema
          .createTable("items")
          .addColumn("id", "bigserial", (col) => col.primaryKey())
          .execute();
      },
    };
    const migrations = { "0000_events": eventTablesMigration, "0001_items": counted };
    const [a, b] = await Promise.all([
      migrateSchema({ db: open(), schema: "replicas", migrations, logger }),
      migrateSchema({ db: open(), schema: "replicas", migrations, logger }),
    ]);
    expect(runs).toBe(1);
    const applied = [...a, ...b].filter((result) => result.status === "Success").map((result) => result.migrationName);
    expect(applied.sort()).toEqual(["0000_events", "0001_items"]);

    const db = open();
    const tables = await db
      .selectFrom("information_schema.tables")
      .select("table_name")
      .where("table_schema", "=", "replicas")
      .orderBy("table_name")
      .execute();
    expect(tables.map((t) => t.table_name)).toEqual([
      "inbox",
      "items",
      "kysely_migration",
      "kysely_migration_lock",
      "outbox",
    ]);
    expect(
      await db
        .withSchema("public")
        .selectFrom("information_schema.tables")
        .select("table_name")
        .where("table_schema", "=", "public")
        .execute(),
    ).toEqual([]);

    // A restart with nothing new is a no-op.
    expect(await migrateSchema({ db, schema: "replicas", migrations, logger })).toEqual([]);
    expect(runs).toBe(1);
  });

  it("migrateSchema reports a failing migration and leaves nothing half-applied", async () => {
    const broken: Migration = {
      async up(db) {
        await db.schema.createTable("half").addColumn("id", "integer").execute();
        throw new Error("boom");
      },
    };
    await expect(
      migrateSchema({ db: open(), schema: "broken", migrations: { "0001_broken": broken }, logger }),
    ).rejects.toThrow(/migrating schema "broken" failed: boom/);
    const half = await open()
      .selectFrom("information_schema.tables")
      .select("table_name")
      .where("table_schema", "=", "broken")
      .where("table_name", "=", "half")
      .execute();
    expect(half).toEqual([]);
  });

  it("parses int8 as a number and refuses values a number cannot hold", async () => {
    const db = open();
    const row = await db
      .selectNoFrom([sql<number>`count(*) over ()`.as("n"), sql<number>`9007199254740991::int8`.as("max")])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ n: 1, max: Number.MAX_SAFE_INTEGER });
    await expect(db.selectNoFrom(sql<number>`9007199254740993::int8`.as("big")).execute()).rejects.toThrow(RangeError);
    const numeric = await db.selectNoFrom(sql<string>`1.10::numeric`.as("x")).executeTakeFirstOrThrow();
    expect(numeric.x).toBe("1.10");
  });
});

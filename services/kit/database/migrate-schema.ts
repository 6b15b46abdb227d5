import type { Migration, MigrationProvider, MigrationResult } from "kysely";
import { Migrator, sql } from "kysely";
import type { Logger } from "../logging/logger.js";
import type { AnyDatabase } from "./any-database.js";
import { assertSchemaName } from "./schema-name.js";

/** Options of {@link migrateSchema}. */
export interface MigrateSchemaOptions {
  readonly db: AnyDatabase;
  /** The service's schema; also holds kysely's migration bookkeeping tables. */
  readonly schema: string;
  /** Migrations by name; they run in name order (prefix names with `0001_` ...). */
  readonly migrations: Readonly<Record<string, Migration>>;
  readonly logger: Logger;
}

/** SQLSTATE codes of a lost `create schema if not exists` race. */
const SCHEMA_RACE_CODES = new Set(["42P06", "23505"]);

/**
 * Creates `schema` if missing and brings it up to date with kysely's {@link Migrator}.
 *
 * Each migration runs with `search_path` set to the schema (transaction-local: kysely runs all
 * pending migrations in one transaction on PostgreSQL), so migrations use unqualified table
 * names and the same migration (e.g. {@link eventTablesMigration}) can be included by every
 * service. Concurrent replicas are safe: the migrator holds a PostgreSQL advisory lock while it
 * reads the applied list and runs what is pending, so the second replica finds nothing to do.
 *
 * @example
 * await migrateSchema({ db, schema: "inventory", logger, migrations: {
 *   "0000_events": eventTablesMigration,
 *   "0001_items": { up: async (db) => { await db.schema.createTable("items")...execute(); } },
 * } });
 */
export async function migrateSchema(options: MigrateSchemaOptions): Promise<readonly MigrationResult[]> {
  const { db, schema, logger } = options;
  assertSchemaName(schema);
  await createSchemaIfMissing(db, schema);
  const migrator = new Migrator({
    db,
    provider: scopedProvider(options.migrations, schema),
    migrationTableSchema: schema,
    // The kit's migrations ("0000-kit-*") grow after a service's own have run: apply them anyway.
    allowUnorderedMigrations: true,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  for (const result of results) {
    logger.info({ schema, migration: result.migrationName, status: result.status }, "migration");
  }
  if (error !== undefined) {
    throw new Error(`migrating schema "${schema}" failed: ${describe(error)}`, { cause: error });
  }
  return results;
}

async function createSchemaIfMissing(db: AnyDatabase, schema: string): Promise<void> {
  try {
    await db.schema.createSchema(schema).ifNotExists().execute();
  } catch (error) {
    // `if not exists` still races on the catalog's unique index; the winner created it.
    if (!SCHEMA_RACE_CODES.has(String((error as { code?: unknown }).code))) throw error;
  }
}

/** A provider over in-code migrations (no file globbing, so it works under tsx and bundlers). */
function scopedProvider(migrations: Readonly<Record<string, Migration>>, schema: string): MigrationProvider {
  const scoped: Record<string, Migration> = {};
  for (const [name, migration] of Object.entries(migrations)) {
    const { up, down } = migration;
    scoped[name] = {
      up: async (db) => {
        await useSchema(db, schema);
        await up(db);
      },
      ...(down === undefined
        ? {}
        : {
            down: async (db: AnyDatabase) => {
              await useSchema(db, schema);
              await down(db);
            },
          }),
    };
  }
  return { getMigrations: async () => scoped };
}

/** `set local search_path` (schema names are validated identifiers, so quoting is enough). */
async function useSchema(db: AnyDatabase, schema: string): Promise<void> {
  await sql`select set_config('search_path', ${`"${schema}", public`}, true)`.execute(db);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

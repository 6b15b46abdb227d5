import type { PostgresPool, PostgresPoolClient } from "kysely";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { DomainError } from "../errors/index.js";
import type { Logger } from "../logging/logger.js";
import { toDatabaseError } from "./connection-errors.js";
import { waybillTypeParsers } from "./type-parsers.js";

/** Options of {@link createDatabase}. */
export interface CreateDatabaseOptions {
  /** PostgreSQL URL, e.g. `postgres://root@127.0.0.1:5432/waybill`. */
  readonly url: string;
  /** Receives pool errors (a dropped idle connection must not crash the process). */
  readonly logger: Logger;
  /** Maximum pool size (default 20). */
  readonly max?: number;
  /** How long to wait for a connection (new, or free in a busy pool) before giving up (default 15000 ms). */
  readonly connectionTimeoutMs?: number;
}

/**
 * Creates a Kysely instance over a `pg.Pool`. `int8` columns come back as numbers (see
 * {@link parseInt8}). Connection failures surface as {@link DependencyUnavailableError}.
 * Call `db.destroy()` to close the pool.
 *
 * @example
 * const db = createDatabase<InventoryDb>({ url: process.env.DATABASE_URL!, logger });
 * await db.selectFrom("items").selectAll().execute();
 */
export function createDatabase<DB>(options: CreateDatabaseOptions): Kysely<DB> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 20,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 15_000,
    types: waybillTypeParsers,
  });
  // Idle clients emit 'error' when the server goes away; unhandled, that would kill the process.
  pool.on("error", (error) => options.logger.warn({ err: error }, "idle PostgreSQL connection failed"));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: friendlyPool(pool, options.url) }) });
}

/** Wraps `pool.connect()` so that an unreachable server yields the friendly error. */
function friendlyPool(pool: pg.Pool, url: string): PostgresPool {
  return {
    connect: async (): Promise<PostgresPoolClient> => {
      try {
        return await pool.connect();
      } catch (error) {
        // Every connection stayed busy for the whole wait: the server is up but saturated.
        if (
          error instanceof Error &&
          /timeout exceeded when trying to connect/i.test(error.message) &&
          pool.totalCount >= pool.options.max
        ) {
          throw new DomainError("unavailable", "the database is saturated - retry shortly");
        }
        throw toDatabaseError(error, url);
      }
    },
    end: () => pool.end(),
  };
}

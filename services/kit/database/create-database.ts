import type { Meter } from "@opentelemetry/api";
import type { PostgresPool, PostgresPoolClient } from "kysely";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Logger } from "../logging/logger.js";
import { isDatabaseUnavailable, toDatabaseError } from "./connection-errors.js";
import { databaseNameOf, describeEndpoint } from "./connection-url.js";
import { DatabaseSaturatedError } from "./database-saturated-error.js";
import { observePool } from "./pool-metrics.js";
import { waybillTypeParsers } from "./type-parsers.js";

/** Options of {@link createDatabase}. */
export interface CreateDatabaseOptions {
  /** PostgreSQL URL, e.g. `postgres://root@127.0.0.1:5432/waybill`. */
  readonly url: string;
  /** Receives the errors of lost connections (which must never crash the process). */
  readonly logger: Logger;
  /** Maximum pool size (default 20). */
  readonly max?: number;
  /** How long to wait for a connection (new, or free in a busy pool) before giving up (default 15000 ms). */
  readonly connectionTimeoutMs?: number;
  /**
   * PostgreSQL's `idle_in_transaction_session_timeout` for the pool's sessions: the server ends a
   * session that sits idle inside a transaction this long, releasing its row locks (a frozen
   * process cannot hold them until it wakes). 0 turns it off (default 15000 ms).
   */
  readonly idleInTransactionTimeoutMs?: number;
  /**
   * The pool's `db.client.connection.pool.name` in its metrics (default
   * `server.address:server.port/db.namespace` of `url`, as the semantic conventions suggest).
   */
  readonly poolName?: string;
  /** Where the pool's metrics come from (default: the global API's `waybill` meter, a no-op without an SDK). */
  readonly meter?: Meter;
}

/**
 * Creates a Kysely instance over a `pg.Pool`. `int8` columns come back as numbers (see
 * {@link parseInt8}). Connection failures surface as {@link DependencyUnavailableError}.
 * Call `db.destroy()` to close the pool. The pool's connections (used, idle) and the requests
 * waiting for one are reported as metrics (see {@link observePool}) until then.
 *
 * Every connection listens for errors for its whole life, idle or checked out: pg-pool only
 * listens while a connection is idle, and a connection the server drops while a transaction holds
 * it (a restart, `pg_terminate_backend`, the idle-in-transaction timeout) would otherwise emit an
 * unhandled `error` and kill the process. With the listener, the loss only fails the query or
 * transaction in flight (see {@link isDatabaseUnavailable}); the pool discards the broken
 * connection when it is released and opens a new one for the next query.
 *
 * @example
 * const db = createDatabase<InventoryDb>({ url: process.env.DATABASE_URL!, logger });
 * await db.selectFrom("items").selectAll().execute();
 */
export function createDatabase<DB>(options: CreateDatabaseOptions): Kysely<DB> {
  const idleInTransactionTimeoutMs = options.idleInTransactionTimeoutMs ?? 15_000;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 20,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 15_000,
    types: waybillTypeParsers,
    ...(idleInTransactionTimeoutMs > 0 ? { idle_in_transaction_session_timeout: idleInTransactionTimeoutMs } : {}),
  });
  pool.on("connect", (client) => watchConnection(client, options.logger));
  // pg-pool re-emits an idle connection's error here; the connection's own listener logs it.
  pool.on("error", () => undefined);
  const stopMetrics = observePool({
    pool,
    poolName: options.poolName ?? `${describeEndpoint(options.url)}/${databaseNameOf(options.url) ?? ""}`,
    ...(options.meter ? { meter: options.meter } : {}),
  });
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: friendlyPool(pool, options.url, stopMetrics) }) });
}

/**
 * Listens for `client`'s errors until it is gone, logging the first one as a warning (a dropped
 * connection reports twice: the server's reason, then the closed socket).
 */
function watchConnection(client: pg.PoolClient, logger: Logger): void {
  let reported = false;
  client.on("error", (error) => {
    if (reported) return;
    reported = true;
    const code = (error as { code?: unknown }).code;
    logger.warn({ err: error, code }, "PostgreSQL connection lost; the query in flight fails and the pool reconnects");
  });
}

/**
 * Wraps `pool.connect()` so that an unreachable server yields the friendly error, and hands out
 * clients that go back to the pool as broken once their connection is lost (see
 * {@link discardedWhenLost}); closing it stops its metrics.
 */
function friendlyPool(pool: pg.Pool, url: string, stopMetrics: () => void): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    connect: async (): Promise<PostgresPoolClient> => {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        // Every connection stayed busy for the whole wait: the server is up but saturated.
        if (
          error instanceof Error &&
          /timeout exceeded when trying to connect/i.test(error.message) &&
          pool.totalCount >= pool.options.max
        ) {
          throw new DatabaseSaturatedError();
        }
        throw toDatabaseError(error, url);
      }
      // One wrapper per connection: kysely keeps its own state per client object.
      let wrapped = clients.get(client);
      if (wrapped === undefined) {
        wrapped = discardedWhenLost(client);
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => {
      stopMetrics();
      return pool.end();
    },
  };
}

/**
 * `client` as kysely uses it, except that once a query failed because the connection is gone,
 * releasing it destroys it. pg reports the server's reason (57P01 on a restart or
 * `pg_terminate_backend`) before it sees the socket close; a client released in between still
 * looks healthy to pg-pool, which would hand it to the next query only to fail that one too.
 */
function discardedWhenLost(client: pg.PoolClient): PostgresPoolClient {
  let lost = false;
  const query = async (text: string, parameters: readonly unknown[]) => {
    try {
      return await client.query(text, [...parameters]);
    } catch (error) {
      if (isDatabaseUnavailable(error)) lost = true;
      throw error;
    }
  };
  return {
    // kysely only calls the (text, parameters) form (the cursor form needs a configured cursor),
    // and reads no more of pg's result than kysely's narrower type names.
    query: query as unknown as PostgresPoolClient["query"],
    release: (destroy) => client.release(destroy === true || lost),
  };
}

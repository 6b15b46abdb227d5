import pg from "pg";

/** What the bench's own queries need of a pool or client. */
export type Queryable = Pick<pg.Pool, "query">;

/**
 * A small pool of the bench's own on Waybill's database, for the drain watch, the lag and the
 * checks: apart from Waybill's pools, so reading never waits behind the load.
 */
export function createBenchPool(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // A connection dropped while idle must not kill the bench (pg-pool re-emits it on the pool).
  pool.on("error", () => undefined);
  return pool;
}

/**
 * The service schemas of the database, sorted: those holding both the kit's `outbox` and `inbox`
 * (every service has the two; the ceilings' scratch schemas have no inbox). Read from the catalog,
 * so the bench keeps no list of services of its own.
 */
export async function serviceSchemas(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ schema: string }>(
    `select table_schema as schema from information_schema.tables where table_name = 'outbox'
     intersect select table_schema from information_schema.tables where table_name = 'inbox' order by 1`,
  );
  return rows.map((row) => row.schema);
}

/** `schema.table` quoted for SQL. */
export function qualified(schema: string, table: string): string {
  return `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table)}`;
}

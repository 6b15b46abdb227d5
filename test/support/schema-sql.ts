import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { parseInt8 } from "../../services/kit/database/index.js";

/**
 * Direct SQL on one service schema of a test environment, for what no RPC may do or show
 * (tampering with a row, reading the outbox). Call `destroy()` when done.
 *
 * @example
 * const sql = schemaSql<FleetDatabase>(waybill.env.databaseUrl, "fleet");
 */
export function schemaSql<DB>(databaseUrl: string, schema: string): Kysely<DB> {
  const types = {
    getTypeParser: (oid: number, format?: "text" | "binary") =>
      oid === 20 ? parseInt8 : pg.types.getTypeParser(oid, format ?? "text"),
  };
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, types: types as pg.CustomTypesConfig });
  // A test may terminate every backend of its database: an idle connection lost that way is only
  // dropped from the pool (pg-pool re-emits its error on the pool, which would otherwise be uncaught).
  pool.on("error", () => undefined);
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }).withSchema(schema);
}

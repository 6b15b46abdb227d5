import { databaseNameOf } from "./connection-url.js";
import { withMaintenanceClient } from "./maintenance-client.js";

/** SQLSTATE codes PostgreSQL uses for the races `ensureDatabase` tolerates. */
const DUPLICATE_DATABASE = "42P04";
const UNIQUE_VIOLATION = "23505";

/**
 * Creates the database named in `url` when it does not exist yet, by connecting to the
 * `postgres` maintenance database of the same server. Safe when several processes race (the
 * loser's duplicate error is ignored). Throws {@link DependencyUnavailableError} when the server
 * does not answer.
 *
 * @example
 * await ensureDatabase("postgres://root@127.0.0.1:5432/waybill");
 */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  if (name === undefined) throw new Error(`database URL names no database: add one after the last slash`);
  await withMaintenanceClient(url, async (client) => {
    try {
      const found = await client.query("select 1 from pg_database where datname = $1", [name]);
      if (found.rowCount !== 0) return;
      await client.query(`create database ${client.escapeIdentifier(name)}`);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      // pg_database's unique index can report the race as 23505 instead of 42P04.
      if (code !== DUPLICATE_DATABASE && code !== UNIQUE_VIOLATION) throw error;
    }
  });
}

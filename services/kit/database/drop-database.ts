import { databaseNameOf } from "./connection-url.js";
import { withMaintenanceClient } from "./maintenance-client.js";

/**
 * Drops the database named in `url` if it exists, terminating other sessions first
 * (`WITH (FORCE)`, PostgreSQL 13+). Meant for test cleanup.
 *
 * @example
 * await dropDatabase(env.databaseUrl);
 */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  if (name === undefined) throw new Error("database URL names no database");
  if (name === "postgres") throw new Error("refusing to drop the maintenance database");
  await withMaintenanceClient(url, (client) =>
    client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`),
  );
}

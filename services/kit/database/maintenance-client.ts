import pg from "pg";
import { toDatabaseError } from "./connection-errors.js";
import { withDatabase } from "./connection-url.js";

/**
 * Runs `work` on a connection to the `postgres` maintenance database of the server in `url`
 * (databases are created and dropped from there), closing it afterwards. An unreachable server
 * becomes a {@link DependencyUnavailableError}.
 */
export async function withMaintenanceClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  try {
    await client.connect();
  } catch (error) {
    throw toDatabaseError(error, url);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

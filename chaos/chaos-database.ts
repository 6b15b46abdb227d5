import pg from "pg";

/** Plain SQL on Waybill's database, for the checks (a test harness may look at the rows directly). */
export interface ChaosDatabase {
  /** Rows of one query; numbers come back as strings unless the SQL casts them (`::int`, `::float8`). */
  rows<T extends object>(text: string, params?: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * Opens a small pool on `url`. Every client listens for errors, so a connection the server drops
 * (a fault still settling) fails a query instead of the process.
 */
export function openChaosDatabase(url: string): ChaosDatabase {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
  return {
    async rows<T extends object>(text: string, params: readonly unknown[] = []) {
      const result = await pool.query<T>(text, params as unknown[]);
      return result.rows;
    },
    close: () => pool.end(),
  };
}

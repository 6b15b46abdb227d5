import type pg from "pg";

/**
 * Runs `work` in a transaction on one pooled connection: commit when it resolves, rollback when
 * it throws (the error is rethrown). The ceilings' building block, kept free of any framework so
 * it measures PostgreSQL alone.
 *
 * @example
 * await inTransaction(pool, (client) => client.query("update t set n = n + 1"));
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
}

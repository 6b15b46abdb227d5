import { sql } from "kysely";
import { type AnyDatabase, readBriefly } from "../database/index.js";

/** What waits in one schema's outbox. */
export interface OutboxBacklog {
  /** Rows not yet published. */
  readonly unpublished: number;
  /** Seconds since the oldest of them was written (database clock); 0 when none waits. */
  readonly oldestAgeSeconds: number;
}

/**
 * Reads the backlog of `schema`'s outbox in one statement (over the partial index of unpublished
 * rows) that PostgreSQL cancels after `timeoutMs`, for metrics.
 *
 * @example
 * const { unpublished, oldestAgeSeconds } = await readOutboxBacklog(db, "orders", 500);
 */
export function readOutboxBacklog(db: AnyDatabase, schema: string, timeoutMs: number): Promise<OutboxBacklog> {
  return readBriefly(db, timeoutMs, async (trx) => {
    const { rows } = await sql<{ unpublished: number; oldest_age: number }>`
      select count(*)::int as unpublished,
             coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as oldest_age
      from ${sql.table(`${schema}.outbox`)}
      where published_at is null`.execute(trx);
    const [row] = rows;
    // A transaction's rows are dated at its start, which may be a moment after `now()` here.
    return { unpublished: row?.unpublished ?? 0, oldestAgeSeconds: Math.max(0, row?.oldest_age ?? 0) };
  });
}

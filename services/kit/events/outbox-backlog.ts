import { sql } from "kysely";
import { type AnyDatabase, readBriefly } from "../database/index.js";

/** Counting stops here: beyond it the exact number matters less than the statement's speed. */
export const countCap = 100_000;

/** What waits in one schema's outbox. */
export interface OutboxBacklog {
  /** Rows not yet published, up to {@link countCap}. */
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
    // The oldest row first, by one probe of the index on seq (the first unpublished is the oldest),
    // so the age survives a backlog too large to count in time; the count stops at a cap.
    const { rows } = await sql<{ unpublished: number; oldest_age: number }>`
      select (select count(*)::int from (
                select 1 from ${sql.table(`${schema}.outbox`)} where published_at is null limit ${countCap}
              ) as waiting) as unpublished,
             coalesce((select extract(epoch from now() - created_at)
                       from ${sql.table(`${schema}.outbox`)}
                       where published_at is null order by seq limit 1), 0)::float8 as oldest_age`.execute(trx);
    const [row] = rows;
    // A transaction's rows are dated at its start, which may be a moment after `now()` here.
    return { unpublished: row?.unpublished ?? 0, oldestAgeSeconds: Math.max(0, row?.oldest_age ?? 0) };
  });
}

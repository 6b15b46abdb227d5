import { sql } from "kysely";
import type { AnyDatabase } from "./any-database.js";

/** Options of {@link deleteOlderThan}. */
export interface DeleteOlderThanOptions {
  readonly db: AnyDatabase;
  /** `schema.table` whose old rows go. */
  readonly table: string;
  /** The timestamp column compared with the database clock. */
  readonly column: string;
  /** Rows whose `column` is older than this many hours are deleted. */
  readonly retentionHours: number;
  /** Most rows deleted by one call: short statements, short locks. */
  readonly batchSize: number;
}

/**
 * Deletes up to `batchSize` rows whose `column` is older than the retention window (on the
 * database clock) and returns how many it deleted. Rows another replica is deleting, or a
 * transaction holds, are skipped (`skip locked`), so replicas run it side by side without
 * waiting on each other; an index on `column` keeps the search short.
 *
 * @example
 * while ((await deleteOlderThan({ db, table: "orders.idempotency", column: "created_at", retentionHours: 72, batchSize: 500 })) === 500);
 */
export async function deleteOlderThan(options: DeleteOlderThanOptions): Promise<number> {
  const table = sql.table(options.table);
  const column = sql.ref(options.column);
  const result = await sql`
    delete from ${table}
    where ctid = any(array(
      select ctid from ${table}
      where ${column} < now() - make_interval(hours => ${options.retentionHours}::int)
      limit ${options.batchSize}::int
      for update skip locked
    ))`.execute(options.db);
  return Number(result.numAffectedRows ?? 0n);
}

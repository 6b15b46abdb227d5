import { type AnyDatabase, deleteOlderThan } from "../database/index.js";

/** Options of {@link deleteExpiredKeys}. */
export interface DeleteExpiredKeysOptions {
  readonly db: AnyDatabase;
  /** The service schema holding `idempotency`. */
  readonly schema: string;
  /** Keys stored longer ago than this (database clock) are deleted (`IDEMPOTENCY_RETENTION_HOURS`). */
  readonly retentionHours: number;
  /** Most rows deleted by one call: short statements, short locks. */
  readonly batchSize: number;
}

/**
 * Deletes up to `batchSize` idempotency keys older than the retention window and returns how many
 * it deleted. Once deleted, a retry with the key is a new request. Rows another replica is
 * deleting, or a request is using, are skipped (`skip locked`), so replicas run this side by side
 * without waiting on each other; the `created_at` index keeps the search short.
 *
 * @example
 * while ((await deleteExpiredKeys({ db, schema: "orders", retentionHours: 72, batchSize: 500 })) === 500);
 */
export async function deleteExpiredKeys(options: DeleteExpiredKeysOptions): Promise<number> {
  return deleteOlderThan({ ...options, table: `${options.schema}.idempotency`, column: "created_at" });
}

import { type AnyDatabase, deleteOlderThan } from "../database/index.js";

/** Options of {@link deleteExpiredInboxRows}. */
export interface DeleteExpiredInboxRowsOptions {
  readonly db: AnyDatabase;
  /** The service schema holding `inbox`. */
  readonly schema: string;
  /** Rows of events handled longer ago than this (database clock) are deleted (`INBOX_RETENTION_HOURS`). */
  readonly retentionHours: number;
  /** Most rows deleted by one call: short statements, short locks. */
  readonly batchSize: number;
}

/**
 * Deletes up to `batchSize` inbox rows older than the retention window and returns how many it
 * deleted; replicas run it side by side (`skip locked`), the `processed_at` index keeps it short.
 *
 * Why the inbox may forget. A row only drops a second delivery of an event this consumer has
 * handled. JetStream redelivers only a message still unacknowledged: one whose ack was lost or
 * whose process froze after the commit, within ack waits and backoffs (at most 5 deliveries,
 * seconds to minutes apart). A second copy in the stream arrives within the duplicate window
 * (`EVENT_DUPLICATE_WINDOW_MS`, which the settings require the retention to exceed) or not at all,
 * save a relay frozen for longer (see the kit's README) and an operator's dead-letter redrive. The
 * streams have no maximum age (limits retention, kept for replays), so "longer than the stream
 * keeps messages" cannot be the bound: a new consumer replaying a stream has no inbox rows anyway
 * and relies on its handlers being idempotent on their own, as does anything arriving after the
 * window. The default (14 days) leaves ample room for stalls and redrives.
 *
 * @example
 * await deleteExpiredInboxRows({ db, schema: "fleet", retentionHours: 336, batchSize: 500 });
 */
export async function deleteExpiredInboxRows(options: DeleteExpiredInboxRowsOptions): Promise<number> {
  return deleteOlderThan({ ...options, table: `${options.schema}.inbox`, column: "processed_at" });
}

import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { RecordExpiry } from "../config/index.js";
import { deleteExpiredInboxRows } from "../events/index.js";
import { deleteExpiredKeys } from "../idempotency/index.js";
import { createPeriodicWorker } from "./periodic-worker.js";
import type { Worker } from "./service-definition.js";

/** Rows one statement deletes: a few milliseconds of locks, however large the backlog. */
const batchSize = 500;

/** Options of {@link createRecordExpiryWorkers}. */
export interface RecordExpiryWorkersOptions {
  readonly db: Kysely<unknown>;
  /** The service schema whose `idempotency` and `inbox` rows expire. */
  readonly schema: string;
  readonly expiry: RecordExpiry;
  readonly logger: Logger;
}

/**
 * The workers deleting a service's expired idempotency keys and inbox rows, in batches, every
 * `EXPIRY_SWEEP_INTERVAL_MS` (at once again while a batch came back full). Every replica runs
 * them; their deletes skip rows another holds.
 *
 * @example
 * workers.push(...createRecordExpiryWorkers({ db, schema: "orders", expiry: config.recordExpiry, logger }));
 */
export function createRecordExpiryWorkers(options: RecordExpiryWorkersOptions): readonly Worker[] {
  const { db, schema, expiry, logger } = options;
  return [
    createPeriodicWorker({
      intervalMs: expiry.sweepIntervalMs,
      backlogAt: batchSize,
      logger,
      what: "deleting expired idempotency keys",
      round: () => deleteExpiredKeys({ db, schema, retentionHours: expiry.idempotencyRetentionHours, batchSize }),
    }),
    createPeriodicWorker({
      intervalMs: expiry.sweepIntervalMs,
      backlogAt: batchSize,
      logger,
      what: "deleting expired inbox rows",
      round: () => deleteExpiredInboxRows({ db, schema, retentionHours: expiry.inboxRetentionHours, batchSize }),
    }),
  ];
}

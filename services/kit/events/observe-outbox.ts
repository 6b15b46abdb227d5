import { type BatchObservableCallback, type Meter, metrics, ValueType } from "@opentelemetry/api";
import { type AnyDatabase, assertSchemaName, createSampledReading } from "../database/index.js";
import type { Logger } from "../logging/logger.js";
import { readOutboxBacklog } from "./outbox-backlog.js";

/** Options of {@link observeOutbox}. */
export interface ObserveOutboxOptions {
  readonly db: AnyDatabase;
  readonly schema: string;
  /** Where a failed or late read is logged, at debug. */
  readonly logger: Logger;
  /** Default: the global provider's `waybill` meter (a no-op without an SDK). */
  readonly meter?: Meter;
  /** PostgreSQL's statement timeout for the read (default 500 ms). */
  readonly statementTimeoutMs?: number;
  /** A reading this young is reported again instead of reading anew (default 1 s). */
  readonly maxAgeMs?: number;
}

/**
 * Reports `schema`'s outbox backlog: `waybill.outbox.unpublished` (rows) and
 * `waybill.outbox.oldest_age` (seconds since the oldest was written), both with `schema`. One
 * brief statement when a reader collects, never otherwise; a read that fails or is late skips the
 * points (logged at debug) and never throws. Every replica reports the same values: aggregate
 * replicas with `max`. Returns the function that stops reporting (call it before the pool closes).
 *
 * @example
 * const stop = observeOutbox({ db, schema: "orders", logger });
 * // on shutdown
 * await stop();
 */
export function observeOutbox(options: ObserveOutboxOptions): () => Promise<void> {
  const { db, schema } = options;
  assertSchemaName(schema);
  const meter = options.meter ?? metrics.getMeter("waybill");
  const timeoutMs = options.statementTimeoutMs ?? 500;
  const backlog = createSampledReading({
    read: () => readOutboxBacklog(db, schema, timeoutMs),
    maxAgeMs: options.maxAgeMs ?? 1_000,
    logger: options.logger,
    what: `the outbox of ${schema}`,
  });
  const unpublished = meter.createObservableGauge("waybill.outbox.unpublished", {
    description: "Events committed to a schema's outbox and not yet published to JetStream (the same on every replica)",
    unit: "{event}",
    valueType: ValueType.INT,
  });
  const oldestAge = meter.createObservableGauge("waybill.outbox.oldest_age", {
    description: "Age of the oldest unpublished event in a schema's outbox, 0 when none waits",
    unit: "s",
  });
  const observe: BatchObservableCallback = async (result) => {
    const read = await backlog();
    if (read === undefined) return;
    result.observe(unpublished, read.unpublished, { schema });
    result.observe(oldestAge, read.oldestAgeSeconds, { schema });
  };
  meter.addBatchObservableCallback(observe, [unpublished, oldestAge]);
  return async () => {
    meter.removeBatchObservableCallback(observe, [unpublished, oldestAge]);
    await backlog.settled();
  };
}

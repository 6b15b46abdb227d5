import type { JetStreamManager } from "@nats-io/jetstream";
import { type Meter, metrics, type ObservableCallback, ValueType } from "@opentelemetry/api";
import { createSampledReading } from "../database/index.js";
import type { Logger } from "../logging/logger.js";
import { deadLetterStreamName } from "./naming.js";

/** Options of {@link observeDeadLetters}. */
export interface ObserveDeadLettersOptions {
  readonly jsm: JetStreamManager;
  /** Event prefix (`EVENT_PREFIX`): the dead-letter stream is `<PREFIX>_DEAD_LETTERS`. */
  readonly prefix: string;
  /** Where a failed or late read is logged, at debug. */
  readonly logger: Logger;
  /** Default: the global provider's `waybill` meter (a no-op without an SDK). */
  readonly meter?: Meter;
  /** How often at most JetStream is asked (default every 5 s). */
  readonly maxAgeMs?: number;
  /** How long a collection waits for an answer before it skips the point (default 1 s). */
  readonly waitMs?: number;
}

/**
 * Reports `waybill.dead_letter.messages` (with `stream`, the dead-letter stream): the dead letters
 * waiting to be looked at or redriven (a redrive deletes its advisory). Read from the stream's
 * info when a reader collects, at most every `maxAgeMs`; a failed or late answer skips the point.
 * Once per process (every replica reports the same value: aggregate with `max`). Returns the
 * function that stops reporting.
 *
 * @example
 * const stop = observeDeadLetters({ jsm, prefix: "waybill", logger });
 */
export function observeDeadLetters(options: ObserveDeadLettersOptions): () => Promise<void> {
  const { jsm } = options;
  const stream = deadLetterStreamName(options.prefix);
  const meter = options.meter ?? metrics.getMeter("waybill");
  const info = createSampledReading({
    read: () => jsm.streams.info(stream),
    maxAgeMs: options.maxAgeMs ?? 5_000,
    waitMs: options.waitMs ?? 1_000,
    logger: options.logger,
    what: `the dead-letter stream ${stream}`,
  });
  const gauge = meter.createObservableGauge("waybill.dead_letter.messages", {
    description: "Dead letters kept in the dead-letter stream, waiting to be redriven (npm run dlq)",
    unit: "{message}",
    valueType: ValueType.INT,
  });
  const observe: ObservableCallback = async (result) => {
    const read = await info();
    if (read !== undefined) result.observe(read.state.messages, { stream });
  };
  gauge.addCallback(observe);
  return async () => {
    gauge.removeCallback(observe);
    await info.settled();
  };
}

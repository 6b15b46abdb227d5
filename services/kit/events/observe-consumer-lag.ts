import type { JetStreamManager } from "@nats-io/jetstream";
import { type BatchObservableCallback, type Meter, metrics, ValueType } from "@opentelemetry/api";
import { createSampledReading } from "../database/index.js";
import type { Logger } from "../logging/logger.js";

/** Options of {@link observeConsumerLag}. */
export interface ObserveConsumerLagOptions {
  readonly jsm: JetStreamManager;
  readonly stream: string;
  /** Durable consumer name. */
  readonly consumer: string;
  /** Where a failed or late read is logged, at debug. */
  readonly logger: Logger;
  /** Default: the global provider's `waybill` meter (a no-op without an SDK). */
  readonly meter?: Meter;
  /** How often at most JetStream is asked (default every 5 s; collections in between reuse the answer). */
  readonly maxAgeMs?: number;
  /** How long a collection waits for an answer before it skips the points (default 1 s). */
  readonly waitMs?: number;
}

/**
 * Reports how far behind a durable consumer is: `waybill.consumer.pending` (messages of its
 * filter not yet delivered) and `waybill.consumer.ack_pending` (delivered, not yet acknowledged),
 * with `consumer` and `stream`. Read from JetStream's consumer info when a reader collects, at
 * most every `maxAgeMs`; an answer that fails or is late skips the points and never blocks the
 * collection for long. Replicas sharing the consumer report the same values: aggregate with `max`.
 * Returns the function that stops reporting.
 *
 * @example
 * const stop = observeConsumerLag({ jsm, stream: "WAYBILL_ORDERS", consumer: "fleet-orders", logger });
 */
export function observeConsumerLag(options: ObserveConsumerLagOptions): () => Promise<void> {
  const { jsm, stream, consumer } = options;
  const meter = options.meter ?? metrics.getMeter("waybill");
  const info = createSampledReading({
    read: () => jsm.consumers.info(stream, consumer),
    maxAgeMs: options.maxAgeMs ?? 5_000,
    waitMs: options.waitMs ?? 1_000,
    logger: options.logger,
    what: `the lag of consumer ${consumer}`,
  });
  const pending = meter.createObservableGauge("waybill.consumer.pending", {
    description: "Messages a durable consumer has not yet been delivered (its lag behind the stream)",
    unit: "{message}",
    valueType: ValueType.INT,
  });
  const ackPending = meter.createObservableGauge("waybill.consumer.ack_pending", {
    description: "Messages delivered to a durable consumer and not yet acknowledged",
    unit: "{message}",
    valueType: ValueType.INT,
  });
  const attributes = { consumer, stream };
  const observe: BatchObservableCallback = async (result) => {
    const read = await info();
    if (read === undefined) return;
    result.observe(pending, read.num_pending, attributes);
    result.observe(ackPending, read.num_ack_pending, attributes);
  };
  meter.addBatchObservableCallback(observe, [pending, ackPending]);
  return async () => {
    meter.removeBatchObservableCallback(observe, [pending, ackPending]);
    await info.settled();
  };
}

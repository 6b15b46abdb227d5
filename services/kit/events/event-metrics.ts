import type { Counter, Histogram, Meter } from "@opentelemetry/api";
import { metrics } from "@opentelemetry/api";

/** The bucket boundaries the messaging conventions ask for on their duration histograms (seconds). */
const messagingDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** How a delivery ended, as `waybill.consumer.messages` counts it. */
export type ConsumerOutcome = "processed" | "duplicate" | "failed" | "dead_lettered";

/** The synchronous instruments of the event pipeline (gauges: `observe-*.ts`). */
export interface EventMetrics {
  /** `messaging.process.duration`: a delivery from its admission to its ack, nak or term. */
  readonly processDuration: Histogram;
  /** `waybill.consumer.messages`: deliveries by consumer and {@link ConsumerOutcome}. */
  readonly consumerMessages: Counter;
  /** `waybill.dead_letters`: events a consumer gave up on, by stream, consumer and reason. */
  readonly deadLetters: Counter;
  /** `messaging.client.operation.duration`: one relay publish, its retries included. */
  readonly publishDuration: Histogram;
}

/**
 * The event pipeline's instruments on `meter` (default: the global provider's `waybill` meter,
 * a no-op without an SDK). Creating them again on the same meter yields the same metrics.
 *
 * @example
 * const { consumerMessages } = createEventMetrics();
 * consumerMessages.add(1, { consumer: "fleet-orders", outcome: "processed" });
 */
export function createEventMetrics(meter: Meter = metrics.getMeter("waybill")): EventMetrics {
  const advice = { explicitBucketBoundaries: messagingDurationBuckets };
  return {
    processDuration: meter.createHistogram("messaging.process.duration", {
      description: "Duration of processing one event by a durable consumer",
      unit: "s",
      advice,
    }),
    consumerMessages: meter.createCounter("waybill.consumer.messages", {
      description: "Deliveries handled by durable consumers, by outcome (processed, duplicate, failed, dead_lettered)",
      unit: "{message}",
    }),
    deadLetters: meter.createCounter("waybill.dead_letters", {
      description: "Events a consumer gave up on (dead-lettered after their last delivery, or terminated as poison)",
      unit: "{message}",
    }),
    publishDuration: meter.createHistogram("messaging.client.operation.duration", {
      description: "Duration of publishing one outbox event to JetStream, retries included",
      unit: "s",
      advice,
    }),
  };
}

/**
 * The `error.type` of a failure: the error's class name, low in cardinality as the conventions ask.
 *
 * @example
 * errorType(new TypeError("x")); // "TypeError"
 */
export function errorType(error: unknown): string {
  if (error instanceof Error) return error.constructor.name || error.name || "Error";
  return "_OTHER";
}

import { performance } from "node:perf_hooks";
import type { Meter } from "@opentelemetry/api";
import type { DeadLetterReason } from "./dead-letter.js";
import { type ConsumerOutcome, createEventMetrics, errorType } from "./event-metrics.js";

/** How one delivery ended, for {@link ConsumerTelemetry.settled}. */
export interface SettledDelivery {
  /** The message's subject (`messaging.destination.name`: one per event type, so few). */
  readonly subject: string;
  /** `performance.now()` when the delivery was admitted. */
  readonly startedAt: number;
  readonly outcome: ConsumerOutcome;
  /** Why it failed (`error.type`), for `failed` and `dead_lettered`. */
  readonly error?: unknown;
}

/** The metrics one durable consumer records. */
export interface ConsumerTelemetry {
  /** Counts a delivery by outcome and records how long it took (`messaging.process.duration`). */
  settled(delivery: SettledDelivery): void;
  /** Counts an event given up on (`waybill.dead_letters`). */
  deadLettered(reason: DeadLetterReason): void;
}

/** Options of {@link createConsumerTelemetry}. */
export interface ConsumerTelemetryOptions {
  /** Durable consumer name (`consumer`, `messaging.consumer.group.name`). */
  readonly name: string;
  readonly stream: string;
  /** Default: the global provider's `waybill` meter. */
  readonly meter?: Meter;
}

/**
 * The metrics of one durable consumer: outcomes, processing time and dead letters. Outcomes
 * exclude each other: the last failed delivery counts as `dead_lettered`, not `failed`.
 *
 * @example
 * const telemetry = createConsumerTelemetry({ name: "fleet-orders", stream: "WAYBILL_ORDERS" });
 * telemetry.settled({ subject, startedAt, outcome: "processed" });
 */
export function createConsumerTelemetry(options: ConsumerTelemetryOptions): ConsumerTelemetry {
  const { name, stream } = options;
  const instruments = createEventMetrics(options.meter);
  return {
    settled({ subject, startedAt, outcome, error }) {
      instruments.consumerMessages.add(1, { consumer: name, outcome });
      const failed = outcome === "failed" || outcome === "dead_lettered";
      instruments.processDuration.record((performance.now() - startedAt) / 1000, {
        "messaging.system": "nats",
        "messaging.operation.name": "process",
        "messaging.consumer.group.name": name,
        "messaging.destination.name": subject,
        ...(failed ? { "error.type": errorType(error) } : {}),
      });
    },
    deadLettered(reason) {
      instruments.deadLetters.add(1, { stream, consumer: name, reason });
    },
  };
}

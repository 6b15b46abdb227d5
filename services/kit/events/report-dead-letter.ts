import type { Context, Span } from "@opentelemetry/api";
import { context, isSpanContextValid, SpanStatusCode } from "@opentelemetry/api";
import type { Logger } from "../logging/logger.js";
import type { ConsumerTelemetry } from "./consumer-telemetry.js";
import type { DeadLetterReason } from "./dead-letter.js";

/** A delivery a consumer gives up on: JetStream will not deliver it again, the dead-letter stream keeps it. */
export interface DeadLetterReport {
  /** The delivery's `process …` span and the context holding it (logs are written inside it). */
  readonly span: Span;
  readonly context: Context;
  /** The delivery's logger (bound to the consumer and stream). */
  readonly log: Logger;
  /** The event id, or the message id of a message that could not be decoded. */
  readonly eventId: string;
  readonly eventType: string;
  readonly reason: DeadLetterReason;
  /** Deliveries spent, this one included. */
  readonly deliveries: number;
  /** What failed the last delivery. */
  readonly error: unknown;
}

/**
 * Makes a dead letter loud: an ERROR log line (written in the delivery's span, with its trace
 * and span ids, the event id, the consumer and the reason), a `waybill.dead_letter` event and
 * ERROR status on the span, and the `waybill.dead_letters` counter. Never throws.
 *
 * @example
 * reportDeadLetter({ ...item, eventId, eventType, reason: "max_deliveries", deliveries: 5, error }, telemetry);
 */
export function reportDeadLetter(report: DeadLetterReport, telemetry: ConsumerTelemetry | undefined): void {
  const { span, reason, deliveries, eventId, eventType, error } = report;
  span.addEvent("waybill.dead_letter", {
    "waybill.dead_letter.reason": reason,
    "waybill.delivery_count": deliveries,
    "messaging.message.id": eventId,
    "exception.message": String(error),
  });
  span.setStatus({ code: SpanStatusCode.ERROR, message: `dead-lettered (${reason}): ${String(error)}` });
  const ids = span.spanContext();
  const traceIds = isSpanContextValid(ids) ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
  context.with(report.context, () =>
    report.log.error(
      { ...traceIds, eventId, eventType, reason, deliveries, err: error },
      reason === "terminated"
        ? "event dead-lettered: it cannot be decoded, so it was terminated (npm run dlq lists it)"
        : "event dead-lettered: its last delivery failed and it will not be retried (npm run dlq redrives it)",
    ),
  );
  telemetry?.deadLettered(reason);
}

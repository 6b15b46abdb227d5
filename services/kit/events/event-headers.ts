/**
 * NATS header names Waybill sets on every event message, beside `Nats-Msg-Id` (the event id)
 * and the W3C trace context headers (`traceparent`, `tracestate`).
 */
export const EventHeaders = {
  /** Fully-qualified protobuf type of the payload, readable without decoding the envelope. */
  EventType: "Waybill-Event-Type",
  /** The event id, kept when a dead letter is redriven under a fresh `Nats-Msg-Id`. */
  EventId: "Waybill-Event-Id",
} as const;

import type { MsgHdrs } from "@nats-io/transport-node";

/** Why JetStream gave up on a message. */
export type DeadLetterReason = "max_deliveries" | "terminated";

/** The original message of a dead letter, read back from its stream. */
export interface DeadMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly headers: MsgHdrs | undefined;
  /** The event id (envelope id), from the `Waybill-Event-Id` or `Nats-Msg-Id` header. */
  readonly eventId: string;
  readonly eventType: string;
}

/** One entry of the dead-letter stream: an advisory plus the message it is about. */
export interface DeadLetter {
  /** Sequence of the advisory in the dead-letter stream (deleted once redriven). */
  readonly dlqSequence: number;
  readonly reason: DeadLetterReason;
  readonly stream: string;
  readonly consumer: string;
  /** Sequence of the original message in its stream. */
  readonly streamSequence: number;
  readonly deliveries: number;
  readonly deadAt: Date;
  /** `undefined` when the stream no longer holds the message (removed by its limits). */
  readonly message: DeadMessage | undefined;
}

/** The fields of a MAX_DELIVERIES / MSG_TERMINATED advisory that we use. */
export interface ConsumerAdvisory {
  readonly type: string;
  readonly stream: string;
  readonly consumer: string;
  readonly stream_seq: number;
  readonly deliveries: number;
  readonly timestamp: string;
}

/**
 * Parses an advisory body; `undefined` for anything that is not a consumer advisory (the
 * dead-letter stream should hold nothing else, but a stray message must not break listing).
 */
export function parseAdvisory(body: string): (ConsumerAdvisory & { readonly reason: DeadLetterReason }) | undefined {
  let parsed: Partial<ConsumerAdvisory>;
  try {
    parsed = JSON.parse(body) as Partial<ConsumerAdvisory>;
  } catch {
    return undefined;
  }
  const { type, stream, consumer, stream_seq, deliveries, timestamp } = parsed;
  if (typeof stream !== "string" || typeof consumer !== "string" || typeof stream_seq !== "number") return undefined;
  const reason: DeadLetterReason | undefined = type?.endsWith(".max_deliver")
    ? "max_deliveries"
    : type?.endsWith(".terminated")
      ? "terminated"
      : undefined;
  if (reason === undefined) return undefined;
  return {
    type: type ?? "",
    stream,
    consumer,
    stream_seq,
    deliveries: deliveries ?? 0,
    timestamp: timestamp ?? "",
    reason,
  };
}

import type { JetStreamManager } from "@nats-io/jetstream";
import { JetStreamApiError } from "@nats-io/jetstream";
import type { DeadLetter, DeadMessage } from "./dead-letter.js";
import { parseAdvisory } from "./dead-letter.js";
import { EventHeaders } from "./event-headers.js";
import { deadLetterStreamName } from "./naming.js";
import { readStream } from "./read-stream.js";

/** Options of {@link listDeadLetters}. */
export interface ListDeadLettersOptions {
  readonly jsm: JetStreamManager;
  /** Event prefix (`EVENT_PREFIX`). */
  readonly prefix: string;
  /** Only dead letters of this durable consumer. */
  readonly consumer?: string;
}

/**
 * Lists the dead letters of a deployment, oldest first: each advisory in the dead-letter stream
 * with the original message fetched from its stream by sequence.
 *
 * @example
 * for (const dead of await listDeadLetters({ jsm, prefix: "waybill", consumer: "fleet-orders" })) {
 *   console.log(dead.reason, dead.stream, dead.streamSequence, dead.message?.eventId);
 * }
 */
export async function listDeadLetters(options: ListDeadLettersOptions): Promise<readonly DeadLetter[]> {
  const { jsm } = options;
  const advisories = await readStream(jsm, deadLetterStreamName(options.prefix));
  const deadLetters: DeadLetter[] = [];
  for (const msg of advisories) {
    const advisory = parseAdvisory(msg.string());
    if (advisory === undefined) continue;
    if (options.consumer !== undefined && advisory.consumer !== options.consumer) continue;
    deadLetters.push({
      dlqSequence: msg.seq,
      reason: advisory.reason,
      stream: advisory.stream,
      consumer: advisory.consumer,
      streamSequence: advisory.stream_seq,
      deliveries: advisory.deliveries,
      deadAt: advisory.timestamp === "" ? msg.time : new Date(advisory.timestamp),
      message: await readDeadMessage(jsm, advisory.stream, advisory.stream_seq),
    });
  }
  return deadLetters;
}

/**
 * The original message of a dead letter, read from its stream by sequence; `undefined` when the
 * stream or the message is gone.
 *
 * @example
 * const message = await readDeadMessage(jsm, "WAYBILL_ORDERS", 42);
 */
export async function readDeadMessage(
  jsm: JetStreamManager,
  stream: string,
  seq: number,
): Promise<DeadMessage | undefined> {
  let stored: Awaited<ReturnType<JetStreamManager["streams"]["getMessage"]>>;
  try {
    stored = await jsm.streams.getMessage(stream, { seq });
  } catch (error) {
    if (error instanceof JetStreamApiError) return undefined; // stream or message gone
    throw error;
  }
  if (stored === null) return undefined;
  const header = stored.header;
  return {
    subject: stored.subject,
    data: stored.data,
    headers: header,
    eventId: header?.get(EventHeaders.EventId) || header?.get("Nats-Msg-Id") || "",
    eventType: header?.get(EventHeaders.EventType) ?? "",
  };
}

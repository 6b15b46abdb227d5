import type { JetStreamManager } from "@nats-io/jetstream";
import { JetStreamApiError } from "@nats-io/jetstream";
import type { DeadLetter, DeadMessage } from "./dead-letter.js";
import { parseAdvisory } from "./dead-letter.js";
import { EventHeaders } from "./event-headers.js";
import { deadLetterStreamName } from "./naming.js";
import { readStream } from "./read-stream.js";

/** A dead letter as its advisory tells it, before its message is read from its stream. */
export type DeadLetterEntry = Omit<DeadLetter, "message">;

/** Which entries to keep; an empty or absent field keeps all. */
export interface DeadLetterFilter {
  readonly stream?: string;
  readonly consumer?: string;
}

/**
 * Every entry of the dead-letter stream matching `filter`, oldest first, without reading the
 * original messages (read those of the entries you keep with {@link readDeadMessage}). The whole
 * stream is read in a few round trips: it holds what is waiting for an operator, not a history.
 *
 * @example
 * const entries = await readDeadLetterEntries(jsm, "waybill", { consumer: "fleet-orders" });
 */
export async function readDeadLetterEntries(
  jsm: JetStreamManager,
  prefix: string,
  filter: DeadLetterFilter = {},
): Promise<readonly DeadLetterEntry[]> {
  const entries: DeadLetterEntry[] = [];
  for (const msg of await readStream(jsm, deadLetterStreamName(prefix))) {
    const advisory = parseAdvisory(msg.string());
    if (advisory === undefined) continue;
    if (filter.stream && advisory.stream !== filter.stream) continue;
    if (filter.consumer && advisory.consumer !== filter.consumer) continue;
    entries.push({
      dlqSequence: msg.seq,
      reason: advisory.reason,
      stream: advisory.stream,
      consumer: advisory.consumer,
      streamSequence: advisory.stream_seq,
      deliveries: advisory.deliveries,
      deadAt: advisory.timestamp === "" ? msg.time : new Date(advisory.timestamp),
    });
  }
  return entries.sort((a, b) => a.dlqSequence - b.dlqSequence);
}

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
  const entries = await readDeadLetterEntries(jsm, options.prefix, {
    ...(options.consumer === undefined ? {} : { consumer: options.consumer }),
  });
  const deadLetters: DeadLetter[] = [];
  for (const entry of entries) {
    deadLetters.push({ ...entry, message: await readDeadMessage(jsm, entry.stream, entry.streamSequence) });
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

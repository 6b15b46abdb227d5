import { JetStreamApiCodes, JetStreamApiError, type JetStreamManager } from "@nats-io/jetstream";

/** One message of a stream: its sequence and the ids it carries. */
export interface StreamMessage {
  readonly seq: number;
  readonly subject: string;
  /** `Nats-Msg-Id` (the relay sets the event id). */
  readonly msgId: string;
  /** `Waybill-Event-Id` when present (kept by a redrive), else the `Nats-Msg-Id`. */
  readonly eventId: string;
}

/**
 * Every message of `stream` (none when it does not exist), read with an ordered consumer: the
 * whole stream in a few round trips, however long it is.
 */
export async function readStream(jsm: JetStreamManager, stream: string): Promise<StreamMessage[]> {
  let consumer: Awaited<ReturnType<ReturnType<JetStreamManager["jetstream"]>["consumers"]["get"]>>;
  try {
    consumer = await jsm.jetstream().consumers.get(stream);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return [];
    throw error;
  }
  let remaining = (await consumer.info()).num_pending;
  const messages: StreamMessage[] = [];
  while (remaining > 0) {
    const batch = await consumer.fetch({ max_messages: Math.min(remaining, 500), expires: 5_000 });
    let got = 0;
    for await (const msg of batch) {
      got++;
      remaining--;
      const msgId = msg.headers?.get("Nats-Msg-Id") ?? "";
      messages.push({
        seq: msg.seq,
        subject: msg.subject,
        msgId,
        eventId: msg.headers?.get("Waybill-Event-Id") || msgId,
      });
    }
    if (got === 0) break;
  }
  return messages;
}

import type { JetStreamManager } from "@nats-io/jetstream";
import { readStream } from "../services/kit/events/index.js";

/** One message of a stream: its sequence and the ids it carries. */
export interface StreamMessage {
  readonly seq: number;
  readonly subject: string;
  /** `Nats-Msg-Id` (the relay sets the event id). */
  readonly msgId: string;
  /** `Waybill-Event-Id` when present (kept by a redrive), else the `Nats-Msg-Id`. */
  readonly eventId: string;
}

/** Every message of `stream` (none when it does not exist), with the ids it carries. */
export async function readStreamMessages(jsm: JetStreamManager, stream: string): Promise<StreamMessage[]> {
  return (await readStream(jsm, stream)).map((msg) => {
    const msgId = msg.headers?.get("Nats-Msg-Id") ?? "";
    return { seq: msg.seq, subject: msg.subject, msgId, eventId: msg.headers?.get("Waybill-Event-Id") || msgId };
  });
}

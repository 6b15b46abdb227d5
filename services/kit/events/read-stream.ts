import type { JetStreamManager, JsMsg } from "@nats-io/jetstream";
import { JetStreamApiCodes, JetStreamApiError } from "@nats-io/jetstream";

/**
 * Every message currently in `stream` (none when the stream does not exist), read with an ordered
 * (ephemeral) consumer in batches: the whole stream in a few round trips, however long it is.
 *
 * @example
 * const messages = await readStream(jsm, "WAYBILL_DEAD_LETTERS");
 */
export async function readStream(jsm: JetStreamManager, stream: string): Promise<readonly JsMsg[]> {
  let consumer: Awaited<ReturnType<ReturnType<JetStreamManager["jetstream"]>["consumers"]["get"]>>;
  try {
    consumer = await jsm.jetstream().consumers.get(stream);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return [];
    throw error;
  }
  let remaining = (await consumer.info()).num_pending;
  const read: JsMsg[] = [];
  while (remaining > 0) {
    const batch = await consumer.fetch({ max_messages: Math.min(remaining, 256), expires: 2_000 });
    let received = 0;
    for await (const msg of batch) {
      read.push(msg);
      received++;
      remaining = msg.info.pending;
      if (remaining === 0) break;
    }
    if (received === 0) break; // messages deleted meanwhile
  }
  return read;
}

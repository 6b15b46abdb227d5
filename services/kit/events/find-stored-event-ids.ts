import type { JetStreamClient } from "@nats-io/jetstream";
import { PubHeaders } from "@nats-io/jetstream";

/** Messages asked for per pull while searching. */
const pullSize = 256;

/** What {@link findStoredEventIds} looks for. */
export interface StoredEventIdsQuery {
  readonly stream: string;
  /** One subject (NATS 2.9 filters on one); the ids are all published on it. */
  readonly subject: string;
  /** The `Nats-Msg-Id`s looked for. */
  readonly ids: ReadonlySet<string>;
  /** Messages stored before this time (the server's clock) are not read. */
  readonly since: Date;
}

/**
 * Searches `stream` for messages carrying some `Nats-Msg-Id`s, and returns the ids found. It reads
 * the headers only of the messages stored on `subject` from `since` up to the end of the stream
 * as it was when the search began (later messages are not read, so the search always ends), with
 * an ephemeral ordered consumer that it deletes afterwards; it stops early once every id is found.
 *
 * @example
 * const found = await findStoredEventIds(js, { stream: "WAYBILL_ORDERS", subject: "waybill.orders.OrderPlaced",
 *   ids: new Set([eventId]), since: new Date(Date.now() - 180_000) });
 */
export async function findStoredEventIds(js: JetStreamClient, query: StoredEventIdsQuery): Promise<Set<string>> {
  const found = new Set<string>();
  if (query.ids.size === 0) return found;
  const consumer = await js.consumers.get(query.stream, {
    filter_subjects: query.subject,
    opt_start_time: query.since.toISOString(),
    headers_only: true,
  });
  try {
    // What matched when the consumer was created: the most this search reads.
    let unread = (await consumer.info(true)).num_pending;
    while (unread > 0 && found.size < query.ids.size) {
      const messages = await consumer.fetch({ max_messages: Math.min(unread, pullSize), expires: 2_000 });
      let received = 0;
      for await (const msg of messages) {
        received++;
        const id = msg.headers?.get(PubHeaders.MsgIdHdr);
        if (id !== undefined && query.ids.has(id)) found.add(id);
      }
      if (received === 0) {
        // An empty pull means the rest is gone only when the server says nothing is pending (the
        // stream's limits removed it); an expired pull or a reconnect must not pass for "absent".
        if ((await consumer.info()).num_pending === 0) break;
        throw new Error(`searching ${query.stream} for events in doubt stopped before its end; they stay in doubt`);
      }
      unread -= received;
    }
    return found;
  } finally {
    await consumer.delete().catch(() => undefined);
  }
}

import type { JetStreamClient } from "@nats-io/jetstream";

/**
 * How many messages of `subject` in `stream` carry each `Nats-Msg-Id`, read from the start of the
 * stream with an ordered consumer (headers only), independently of the relay's own search.
 *
 * @example
 * const counts = await messageIdCounts(fx.js, fx.stream, `${fx.env.prefix}.inventory.ItemCreated`);
 * expect([...counts.values()].every((n) => n === 1)).toBe(true);
 */
export async function messageIdCounts(
  js: JetStreamClient,
  stream: string,
  subject: string,
): Promise<Map<string, number>> {
  const consumer = await js.consumers.get(stream, { filter_subjects: subject, headers_only: true });
  const counts = new Map<string, number>();
  try {
    let unread = (await consumer.info(true)).num_pending;
    while (unread > 0) {
      const messages = await consumer.fetch({ max_messages: unread, expires: 2_000 });
      let received = 0;
      for await (const msg of messages) {
        received++;
        const id = msg.headers?.get("Nats-Msg-Id") ?? "";
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      if (received === 0) throw new Error(`${unread} messages of ${subject} could not be read`);
      unread -= received;
    }
    return counts;
  } finally {
    await consumer.delete().catch(() => undefined);
  }
}

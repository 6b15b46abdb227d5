import type { JetStreamManager } from "@nats-io/jetstream";
import { type DeadLetter, deadLetterStreamName, parseAdvisory, readStream } from "../events/index.js";

/** A dead letter as its advisory tells it, before its message is read from its stream. */
export type DeadLetterEntry = Omit<DeadLetter, "message">;

/** Which entries to keep; an empty or absent field keeps all. */
export interface DeadLetterFilter {
  readonly stream?: string;
  readonly consumer?: string;
}

/**
 * Every entry of the dead-letter stream matching `filter`, oldest first, without reading the
 * original messages (a page reads those of its own entries only). The whole stream is read in a
 * few round trips: it holds what is waiting for an operator, not a history.
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

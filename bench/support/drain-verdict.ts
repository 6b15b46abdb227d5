import type { ConsumerState } from "./consumer-state.js";
import type { OutboxState } from "./outbox-state.js";

/** One look at the asynchronous side: outboxes, then the durable consumers, then outboxes again. */
export interface DrainLook {
  readonly outboxesBefore: readonly OutboxState[];
  readonly consumers: readonly ConsumerState[];
  readonly outboxesAfter: readonly OutboxState[];
}

/**
 * What keeps a look from counting as drained; empty when it does. Drained means: no outbox row
 * unpublished before or after the consumers were read, no durable consumer with a message pending
 * or unacknowledged, and no outbox whose stream someone consumes grew while looking (a handler that
 * committed an event and acknowledged its own message between the two outbox reads would otherwise
 * slip through: its event is published after the consumers were read). Outboxes nobody consumes
 * (Notifications' own events, written as emails go out) may grow: only their rows must be published.
 *
 * @param streamOf the stream a schema's events go to (`domainStreamName(prefix, schema)`)
 */
export function drainOutstanding(look: DrainLook, streamOf: (schema: string) => string): string[] {
  const outstanding: string[] = [];
  const consumed = new Set(look.consumers.map((consumer) => consumer.stream));
  const before = new Map(look.outboxesBefore.map((outbox) => [outbox.schema, outbox]));
  for (const after of look.outboxesAfter) {
    const unpublished = Math.max(after.unpublished, before.get(after.schema)?.unpublished ?? 0);
    if (unpublished > 0) outstanding.push(`${after.schema} outbox: ${unpublished} unpublished`);
    const grown = after.rows - (before.get(after.schema)?.rows ?? after.rows);
    if (grown !== 0 && consumed.has(streamOf(after.schema)))
      outstanding.push(`${after.schema} outbox: ${grown} new while looking`);
  }
  for (const consumer of look.consumers) {
    if (consumer.pending > 0 || consumer.ackPending > 0)
      outstanding.push(
        `${consumer.stream}/${consumer.consumer}: ${consumer.pending} pending, ${consumer.ackPending} unacknowledged`,
      );
  }
  return outstanding;
}

/** Messages and rows still to go in a look (for a progress bar). */
export function drainBacklog(look: DrainLook): number {
  const rows = look.outboxesAfter.reduce((sum, outbox) => sum + outbox.unpublished, 0);
  return look.consumers.reduce((sum, consumer) => sum + consumer.pending + consumer.ackPending, rows);
}

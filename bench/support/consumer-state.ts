import type { JetStreamManager } from "@nats-io/jetstream";

/** One durable JetStream consumer at one moment. */
export interface ConsumerState {
  readonly stream: string;
  readonly consumer: string;
  /** Messages of its stream (and filter) not yet delivered to it. */
  readonly pending: number;
  /** Messages delivered to it and not yet acknowledged (in a handler, or waiting in its buffer). */
  readonly ackPending: number;
  /** Messages in its stream, as a marker of whether anything was published since. */
  readonly streamLastSeq: number;
}

/**
 * The durable consumers of every stream of the event prefix (`<PREFIX>_*`, see `domainStreamName`),
 * dead letters included. Ordered consumers (the Watch feeds, the bench's own watchers) are left out:
 * nobody waits for them.
 */
export async function readConsumers(jsm: JetStreamManager, prefix: string): Promise<ConsumerState[]> {
  const streamPrefix = `${prefix.toUpperCase()}_`;
  const states: ConsumerState[] = [];
  for await (const stream of jsm.streams.list()) {
    const name = stream.config.name;
    if (!name.startsWith(streamPrefix)) continue;
    for await (const consumer of jsm.consumers.list(name)) {
      if (!consumer.config.durable_name) continue;
      states.push({
        stream: name,
        consumer: consumer.name,
        pending: consumer.num_pending,
        ackPending: consumer.num_ack_pending,
        streamLastSeq: stream.state.last_seq,
      });
    }
  }
  return states;
}

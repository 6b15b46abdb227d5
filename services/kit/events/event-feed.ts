import type { DescMessage, MessageShape, Registry } from "@bufbuild/protobuf";
import { isMessage } from "@bufbuild/protobuf";
import {
  type Consumer,
  type ConsumerMessages,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
} from "@nats-io/jetstream";
import type { Logger } from "pino";
import { decodeEvent } from "./envelope.js";
import { domainStreamName, domainSubjects, type EventDomain, eventSubject } from "./naming.js";

/** Receives every event of a feed, published by any replica. */
export interface FeedListener<T> {
  /** An event's payload, in the order the stream holds them. */
  change(payload: T): void;
  /** The feed ended (shutdown, or the stream failed): no more events will come. */
  end(): void;
}

/** A process's live feed of some event types of one domain, shared by all its watchers. */
export interface EventFeed<T> {
  /**
   * Adds a listener. Resolves once the feed is live: every event published from then on reaches
   * the listener (so a snapshot read after this resolves leaves no gap). Returns the function that
   * removes the listener.
   */
  subscribe(listener: FeedListener<T>): Promise<() => void>;
  /** Ends the feed (shutdown). */
  stop(): Promise<void>;
}

/** Options of {@link createEventFeed}. */
export interface EventFeedOptions<S extends readonly DescMessage[]> {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly prefix: string;
  readonly domain: EventDomain;
  /** The event types the feed carries. */
  readonly schemas: S;
  /** Decodes the domain's events (it must know every type in `schemas`). */
  readonly registry: Registry;
  readonly logger: Logger;
  /** How long the feed stays open after its last listener left (default 30 s). */
  readonly idleMs?: number;
}

/** One opening of the feed. */
interface Opening {
  ready: Promise<ConsumerMessages>;
  loop?: Promise<void>;
  consumer?: Consumer;
}

/**
 * One JetStream ordered consumer per process on the subjects of `schemas`, fanned out in process
 * to every watcher, so changes made through any replica reach every watcher. It opens with the
 * first listener and closes when the last one has been gone for `idleMs`. It starts right after
 * the stream's last message (what deliver policy "new" means), given as an explicit start
 * sequence so that the client's automatic re-creation after a lost heartbeat resumes where it was
 * instead of replaying the stream.
 *
 * @example
 * const feed = createEventFeed({ js, jsm, prefix, domain: "inventory", schemas: [StockChangedSchema], registry, logger });
 * const unsubscribe = await feed.subscribe({ change: (changed) => send(changed.stock), end: () => close() });
 */
export function createEventFeed<S extends readonly DescMessage[]>(
  options: EventFeedOptions<S>,
): EventFeed<MessageShape<S[number]>> {
  type Payload = MessageShape<S[number]>;
  const stream = domainStreamName(options.prefix, options.domain);
  // NATS 2.9 has no multi-filter consumers: several types are read from the domain's wildcard.
  const [only, ...others] = options.schemas;
  const filter =
    only !== undefined && others.length === 0
      ? eventSubject(options.prefix, options.domain, only.name)
      : domainSubjects(options.prefix, options.domain);
  const logger = options.logger.child({ component: `${options.domain}-feed` });
  const listeners = new Set<FeedListener<Payload>>();
  let current: Opening | undefined;
  let idleTimer: NodeJS.Timeout | undefined;

  const accepts = (payload: unknown): payload is Payload =>
    options.schemas.some((schema) => isMessage(payload, schema));

  async function consume(messages: ConsumerMessages, opening: Opening): Promise<void> {
    try {
      for await (const msg of messages) {
        if (listeners.size === 0) continue;
        let payload: Payload;
        try {
          const event = decodeEvent(msg.data, msg.subject, options.registry);
          if (!accepts(event.payload)) continue;
          payload = event.payload;
        } catch (error) {
          logger.warn({ err: error, seq: msg.seq }, "undecodable event skipped");
          continue;
        }
        for (const listener of listeners) listener.change(payload);
      }
    } catch (error) {
      logger.warn({ err: error }, "event feed failed");
    }
    // However it ended, its watchers must not wait for changes that will not come.
    if (current !== opening) return;
    current = undefined;
    for (const listener of listeners) listener.end();
    listeners.clear();
  }

  function open(): Opening {
    const opening: Opening = { ready: Promise.resolve(undefined as never) };
    opening.ready = (async () => {
      const info = await options.jsm.streams.info(stream);
      const consumer = await options.js.consumers.get(stream, {
        filter_subjects: filter,
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: info.state.last_seq + 1,
      });
      opening.consumer = consumer;
      const messages = await consumer.consume({ max_messages: 256 });
      opening.loop = consume(messages, opening);
      return messages;
    })();
    return opening;
  }

  async function close(): Promise<void> {
    const opening = current;
    if (!opening) return;
    current = undefined;
    const messages = await opening.ready.catch(() => undefined);
    await messages?.close();
    await opening.loop;
    // The server would drop the idle consumer after a while anyway; tidy up now, best effort.
    await opening.consumer?.delete().catch(() => undefined);
    if (current !== undefined) return; // a new listener reopened the feed meanwhile
    for (const listener of listeners) listener.end();
    listeners.clear();
  }

  return {
    async subscribe(listener) {
      clearTimeout(idleTimer);
      // Listening before the feed is live: changes arriving meanwhile are newer, never lost.
      listeners.add(listener);
      current ??= open();
      const opening = current;
      try {
        await opening.ready;
      } catch (error) {
        listeners.delete(listener);
        if (current === opening) current = undefined;
        throw error;
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => void close(), options.idleMs ?? 30_000);
        idleTimer.unref();
      };
    },
    async stop() {
      clearTimeout(idleTimer);
      await close();
    },
  };
}

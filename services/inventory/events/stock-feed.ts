import { createRegistry, isMessage } from "@bufbuild/protobuf";
import { DeliverPolicy, type Consumer, type ConsumerMessages, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import { file_waybill_inventory_v1_events, StockChangedSchema, type StockChanged } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import type { Logger } from "pino";
import { decodeEvent, domainStreamName, eventSubject } from "../../kit/events/index.js";

/** Receives every StockChanged event published by any replica. */
export interface StockListener {
  /** A change, in the order the stream holds them. */
  change(change: StockChanged): void;
  /** The feed ended (shutdown, or the stream failed): no more changes will come. */
  end(): void;
}

/** The process's live feed of stock changes, shared by all its watchers. */
export interface StockFeed {
  /**
   * Adds a listener. Resolves once the feed is live: every StockChanged published from then on
   * reaches the listener (so a snapshot read after this resolves leaves no gap). Returns the
   * function that removes the listener.
   */
  subscribe(listener: StockListener): Promise<() => void>;
  /** Ends the feed (shutdown). */
  stop(): Promise<void>;
}

/** Options of {@link createStockFeed}. */
export interface StockFeedOptions {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly prefix: string;
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
 * One JetStream ordered consumer per process on `<prefix>.inventory.StockChanged`, fanned out in
 * process to every watcher, so changes made through any replica reach every watcher. It opens
 * with the first listener and closes when the last one has been gone for `idleMs`. It starts
 * right after the stream's last message (what deliver policy "new" means), given as an explicit
 * start sequence so that the client's automatic re-creation after a lost heartbeat resumes where
 * it was instead of replaying the stream.
 */
export function createStockFeed(options: StockFeedOptions): StockFeed {
  const stream = domainStreamName(options.prefix, "inventory");
  const subject = eventSubject(options.prefix, "inventory", StockChangedSchema.name);
  const registry = createRegistry(file_waybill_inventory_v1_events);
  const logger = options.logger.child({ component: "stock-feed" });
  const listeners = new Set<StockListener>();
  let current: Opening | undefined;
  let idleTimer: NodeJS.Timeout | undefined;

  async function consume(messages: ConsumerMessages, opening: Opening): Promise<void> {
    try {
      for await (const msg of messages) {
        if (listeners.size === 0) continue;
        let payload: StockChanged;
        try {
          const event = decodeEvent(msg.data, msg.subject, registry);
          if (!isMessage(event.payload, StockChangedSchema)) continue;
          payload = event.payload;
        } catch (error) {
          logger.warn({ err: error, seq: msg.seq }, "undecodable stock change skipped");
          continue;
        }
        for (const listener of listeners) listener.change(payload);
      }
    } catch (error) {
      logger.warn({ err: error }, "stock feed failed");
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
        filter_subjects: subject,
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
      const opening = (current ??= open());
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

import type { DescMessage, MessageShape, Registry } from "@bufbuild/protobuf";
import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import type { Kysely } from "kysely";
import type { Logger } from "../logging/logger.js";
import type { ConsumedEvent } from "./envelope.js";
import { createEventConsumer, type EventConsumer, type EventConsumerSettings } from "./event-consumer.js";
import { createEventFeed, type EventFeed } from "./event-feed.js";
import type { EventHandling, PlainEventHandling, PreparedEventHandling } from "./handle-event-message.js";
import { domainStreamName, domainSubjects, eventSubject } from "./naming.js";

/** What a service says about one of its durable consumers besides its handling (the kit fills in the rest). */
export interface DomainConsumerSettings<DB>
  extends Pick<
    EventConsumerSettings<DB>,
    | "accepts"
    | "maxDeliver"
    | "backoffMs"
    | "ackWaitMs"
    | "prefetch"
    | "batchSize"
    | "concurrency"
    | "laneOf"
    | "afterCommit"
  > {
  /** Durable name, unique per purpose across services and kept across releases, e.g. `fleet-orders`. */
  readonly name: string;
  /** The service whose events it reads, e.g. `orders`. */
  readonly from: string;
  /**
   * The event types it reads (default: all of the domain). One type is filtered by the server;
   * NATS 2.9 has no multi-subject filters, so with several the domain is read and the others are
   * acknowledged without a transaction.
   */
  readonly types?: readonly DescMessage[];
}

/**
 * What a service says about one of its durable consumers: its settings, `handle` and, optionally,
 * `prepare` (see {@link EventHandling}).
 */
export type DomainConsumerOptions<DB, P = undefined> = DomainConsumerSettings<DB> & EventHandling<DB, P>;

/** Options of a live feed (see {@link createEventFeed}). */
export interface DomainFeedOptions<S extends readonly DescMessage[]> {
  /** The service whose events it carries. */
  readonly from: string;
  /** The event types it carries. */
  readonly schemas: S;
}

/** Durable consumers and live feeds, bound to one service's schema, connections and logger. */
export interface ServiceEvents<DB> {
  /** Every known event type, for decoding. */
  readonly registry: Registry;
  /**
   * A durable consumer that hands each event once to `handle`, in a transaction of the service's
   * database together with its inbox row (see {@link createEventConsumer}).
   *
   * With `prepare`, each delivery is first prepared with no transaction open (calls to other
   * services go there, never in `handle`), and `handle` receives what it returned.
   *
   * @example
   * events.consumer({ name: "inventory-orders", from: "orders", types: [OrderPlacedSchema, OrderCancelledSchema],
   *   handle: (event, trx) => reactToOrder(trx, ctx, event) });
   *
   * @example
   * events.consumer({ name: "notifications-activity-orders", from: "orders",
   *   prepare: (event) => prepareEvent(ctx, event),
   *   handle: (event, trx, prepared) => recordEvent(trx, ctx, event, prepared) });
   */
  consumer<P>(options: DomainConsumerSettings<DB> & PreparedEventHandling<DB, P>): EventConsumer;
  consumer(options: DomainConsumerSettings<DB> & PlainEventHandling<DB>): EventConsumer;
  /**
   * The process's live feed of some event types, shared by its watchers (see {@link createEventFeed}).
   *
   * @example
   * const feed = events.feed({ from: "inventory", schemas: [StockChangedSchema] });
   */
  feed<S extends readonly DescMessage[]>(options: DomainFeedOptions<S>): EventFeed<MessageShape<S[number]>>;
}

/** Options of {@link createServiceEvents}. */
export interface ServiceEventsOptions<DB> {
  /** The service's database, scoped to `schema` (which holds its `inbox`). */
  readonly db: Kysely<DB>;
  readonly schema: string;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  /** Event prefix (`EVENT_PREFIX`). */
  readonly prefix: string;
  readonly registry: Registry;
  readonly logger: Logger;
  /** Ack wait of consumers that do not set their own (`EVENT_ACK_WAIT_MS`; default 10 s). */
  readonly ackWaitMs?: number;
  /** Events per transaction of consumers that do not set their own (`EVENT_CONSUMER_BATCH`; default 64). */
  readonly batchSize?: number;
}

/**
 * The one place consumers and feeds are wired to streams, subjects, registry and schema, so a
 * service declares only what its consumers are for.
 */
export function createServiceEvents<DB>(options: ServiceEventsOptions<DB>): ServiceEvents<DB> {
  const { db, schema, js, jsm, prefix, registry, logger, ackWaitMs, batchSize } = options;
  return {
    registry,
    consumer<P>({ name, from, types, accepts, ...rest }: DomainConsumerOptions<DB, P>): EventConsumer {
      const typeNames = new Set(types?.map((type) => type.typeName));
      const only = types?.length === 1 ? types[0] : undefined;
      const wanted = (event: ConsumedEvent) =>
        (typeNames.size === 0 || typeNames.has(event.type)) && (accepts === undefined || accepts(event));
      return createEventConsumer({
        ...(ackWaitMs === undefined ? {} : { ackWaitMs }),
        ...(batchSize === undefined ? {} : { batchSize }),
        ...rest,
        db,
        js,
        jsm,
        schema,
        name,
        stream: domainStreamName(prefix, from),
        filterSubject: only ? eventSubject(prefix, from, only.name) : domainSubjects(prefix, from),
        registry,
        logger,
        accepts: wanted,
      });
    },
    feed({ from, schemas }) {
      return createEventFeed({ js, jsm, prefix, domain: from, schemas, registry, logger });
    },
  };
}

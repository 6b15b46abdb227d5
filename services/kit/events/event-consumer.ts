import { setTimeout as sleep } from "node:timers/promises";
import type { Registry } from "@bufbuild/protobuf";
import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from "@nats-io/jetstream";
import { AckPolicy, DeliverPolicy } from "@nats-io/jetstream";
import { nanos } from "@nats-io/transport-node";
import type { Meter, Tracer } from "@opentelemetry/api";
import { trace } from "@opentelemetry/api";
import type { Kysely } from "kysely";
import { assertSchemaName } from "../database/index.js";
import type { Logger } from "../logging/logger.js";
import { createConsumerTelemetry } from "./consumer-telemetry.js";
import { ensureConsumer } from "./ensure-consumer.js";
import { type ConsumedEvent, decodeEvent } from "./envelope.js";
import { handleEventBatch, type PulledMessage } from "./handle-event-batch.js";
import type { EventHandling, PlainEventHandling, PreparedEventHandling } from "./handle-event-message.js";
import { createHeldMessages } from "./held-messages.js";
import { createLaneScheduler } from "./lane-scheduler.js";
import { observeConsumerLag } from "./observe-consumer-lag.js";

/** Ack wait of a consumer that sets none (`EVENT_ACK_WAIT_MS` sets it for services). */
const defaultAckWaitMs = 10_000;

/** Events handled in one transaction by a consumer that sets no batch size (`EVENT_CONSUMER_BATCH`). */
export const defaultConsumerBatchSize = 64;

/** How long one pull waits for messages before the next one is sent. */
const fetchExpiresMs = 5_000;

/** Options of {@link createEventConsumer} besides its handling (`prepare` and `handle`). */
export interface EventConsumerSettings<DB> {
  readonly db: Kysely<DB>;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  /** Schema holding this service's `inbox`. */
  readonly schema: string;
  /** Durable consumer name; unique per purpose (e.g. `fleet-order-ready`). */
  readonly name: string;
  readonly stream: string;
  /** e.g. `waybill.orders.OrderReadyForDispatch` or `waybill.orders.>`. */
  readonly filterSubject: string;
  /** Which events `handle` wants (default all); the rest are acknowledged without a transaction. */
  readonly accepts?: (event: ConsumedEvent) => boolean;
  /** Payload types this consumer can decode (`createRegistry(file_waybill_orders_v1_events)`). */
  readonly registry: Registry;
  readonly logger: Logger;
  /** Deliveries before the message is dead-lettered (default 5). */
  readonly maxDeliver?: number;
  /** Nak delays by failed attempt (default 200 ms, 1 s, 5 s, 15 s). */
  readonly backoffMs?: readonly number[];
  /**
   * Redelivery after a delivery that was neither acked nor naked, nor kept alive: a crashed or
   * frozen process (default 10 s, `EVENT_ACK_WAIT_MS`). Held messages are kept alive every third
   * of it however long their handling takes, so it bounds how long a stalled process keeps them.
   */
  readonly ackWaitMs?: number;
  /**
   * Messages pulled ahead of processing (default twice `batchSize`, at least 10; always at least
   * `concurrency`). A batch never holds more than was pulled, so a small `prefetch` caps batches.
   */
  readonly prefetch?: number;
  /**
   * Most events handled in one transaction (default 64, `EVENT_CONSUMER_BATCH`). Messages of one
   * lane that are waiting when its turn comes go together: their inbox rows in one statement, the
   * handlers one after another in stream order, one commit. A batch that fails is rolled back and
   * its events handled one by one, each in its own transaction as with 1, so retries and dead
   * letters stay per event. When idle, an event goes alone at once; batches grow under load.
   */
  readonly batchSize?: number;
  /**
   * Transactions at once (default 1: one batch after another, events in stream order). Above 1,
   * events of one lane (see `laneOf`) still go in stream order, a batch holding one lane's events
   * only, and lanes run side by side. A failed event is retried later while the ones after it go
   * ahead, so handlers must not rely on stream order.
   */
  readonly concurrency?: number;
  /** The lane of an event, e.g. its zone (default: one lane for all, so no parallelism). */
  readonly laneOf?: (event: ConsumedEvent) => string;
  readonly tracer?: Tracer;
  /**
   * Where its metrics go (default: the global provider's `waybill` meter, a no-op without an SDK):
   * outcomes, processing time, dead letters, and its lag while it runs.
   */
  readonly meter?: Meter;
  /** Test hook: see {@link EventMessageSettings.afterCommit}. */
  readonly afterCommit?: (event: ConsumedEvent) => void | Promise<void>;
}

/**
 * Options of {@link createEventConsumer}: its settings, `handle` (in the transaction with the
 * inbox row) and, optionally, `prepare` (before that transaction, with none open), whose result
 * `handle` receives. See {@link EventHandling}.
 */
export type EventConsumerOptions<DB, P = undefined> = EventConsumerSettings<DB> & EventHandling<DB, P>;

/** A running durable consumer. */
export interface EventConsumer {
  start(): Promise<void>;
  /** Stops pulling and finishes the messages already pulled. */
  stop(): Promise<void>;
}

/**
 * Creates a durable pull consumer (explicit ack) that hands each event to `handle` exactly once
 * per consumer name, however often JetStream delivers it, handling the events waiting in a lane
 * together in one transaction (see {@link handleEventBatch}).
 * Replicas with the same name share the work. With `prepare`, each delivery is first prepared
 * with no transaction open (calls to other services belong there), and `handle` receives the result.
 *
 * @example
 * const consumer = createEventConsumer({ db, js, jsm, schema: "fleet", name: "fleet-orders",
 *   stream: domainStreamName(prefix, "orders"), filterSubject: domainSubjects(prefix, "orders"),
 *   registry: createRegistry(file_waybill_orders_v1_events), logger,
 *   handle: async (event, trx) => { if (isMessage(event.payload, OrderReadySchema)) ... } });
 * await consumer.start();
 *
 * @example
 * // Ask another service first, with no transaction open; the handler gets the answer.
 * createEventConsumer({ ...settings,
 *   prepare: (event) => lookUpCustomer(event),
 *   handle: (event, trx, customer) => planEmail(trx, event, customer) });
 */
export function createEventConsumer<DB, P>(
  options: EventConsumerSettings<DB> & PreparedEventHandling<DB, P>,
): EventConsumer;
export function createEventConsumer<DB>(options: EventConsumerSettings<DB> & PlainEventHandling<DB>): EventConsumer;
export function createEventConsumer<DB, P>(options: EventConsumerOptions<DB, P>): EventConsumer;
export function createEventConsumer<DB, P>(options: EventConsumerOptions<DB, P>): EventConsumer {
  const { js, jsm, stream, name } = options;
  assertSchemaName(options.schema);
  const logger = options.logger.child({ component: "event-consumer", consumer: name, stream });
  const ackWaitMs = options.ackWaitMs ?? defaultAckWaitMs;
  const maxDeliver = options.maxDeliver ?? 5;
  const context = {
    ...options,
    backoffMs: options.backoffMs ?? [200, 1_000, 5_000, 15_000],
    maxDeliver,
    tracer: options.tracer ?? trace.getTracer("waybill-events"),
    telemetry: createConsumerTelemetry({ name, stream, ...(options.meter ? { meter: options.meter } : {}) }),
    logger,
    keepWaiting: () => running,
  };
  const definition = {
    durable_name: name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: options.filterSubject,
    max_deliver: maxDeliver,
    ack_wait: nanos(ackWaitMs),
  };
  const concurrency = options.concurrency ?? 1;
  /**
   * The lane of a message, and the event decoded to find it (handed on, so it is decoded once);
   * one that cannot be decoded goes to a lane of its own, and fails in its handling.
   */
  const laneOf = (msg: JsMsg): { readonly lane: string; readonly event?: ConsumedEvent } => {
    if (concurrency === 1 || !options.laneOf) return { lane: "" };
    try {
      const event = decodeEvent(msg.data, msg.subject, options.registry);
      return { lane: options.laneOf(event), event };
    } catch {
      return { lane: `undecodable:${msg.seq}` };
    }
  };
  const batchSize = Math.max(1, options.batchSize ?? defaultConsumerBatchSize);
  const prefetch = Math.max(options.prefetch ?? Math.max(10, 2 * batchSize), concurrency);
  // Pull again once half of what may be held is done: one pull request per half batch, not per message.
  const refillBelow = Math.floor(prefetch / 2) + 1;
  let running = false;
  let stopping = new AbortController();
  let batch: ConsumerMessages | undefined;
  let loop: Promise<void> | undefined;
  let stopObservingLag: (() => Promise<void>) | undefined;

  /**
   * Pulls bounded batches (never more than `prefetch` messages held at once), so every message
   * JetStream has handed over is in `held`, kept alive, until it is finished: none waits unseen in
   * a client buffer while its ack wait runs out. Lanes handle them; the loop pulls again as they
   * finish, each lane taking what waits for it as one batch. After `stop()` it pulls no more and the
   * held messages are finished first.
   */
  async function run(): Promise<void> {
    const held = createHeldMessages(ackWaitMs);
    const lanes = createLaneScheduler<PulledMessage>({
      concurrency,
      batchSize,
      work: (messages) => handleEventBatch(messages, context),
      onError: (error) => logger.error({ err: error }, "handling a message failed"),
    });
    try {
      while (running) {
        try {
          const consumer = await js.consumers.get(stream, name);
          while (running) {
            await held.belowLimit(refillBelow, stopping.signal);
            if (!running) break;
            batch = await consumer.fetch({ max_messages: prefetch - held.size, expires: fetchExpiresMs });
            // stop() ran while the pull was being sent. Closing queues the end behind the messages
            // already received, which the loop below still reads and finishes; awaiting it here
            // would wait for that reading, and never end.
            if (!running) void batch.close();
            for await (const msg of batch) {
              held.hold(msg);
              const { lane, event } = laneOf(msg);
              void lanes.add(lane, { msg, event }).then(() => held.release(msg));
            }
            batch = undefined;
          }
        } catch (error) {
          if (!running) break;
          logger.error({ err: error }, "consuming failed; restarting");
          await sleep(1_000, undefined, { signal: stopping.signal }).catch(() => undefined);
          if (running) await ensureConsumer(jsm, stream, definition, logger).catch(() => undefined);
        }
      }
      await lanes.drain();
    } finally {
      held.close();
    }
  }

  return {
    async start() {
      if (running) return;
      await ensureConsumer(jsm, stream, definition, logger);
      running = true;
      stopping = new AbortController();
      loop = run();
      stopObservingLag = observeConsumerLag({
        jsm,
        stream,
        consumer: name,
        logger,
        ...(options.meter ? { meter: options.meter } : {}),
      });
    },
    async stop() {
      running = false;
      stopping.abort();
      // The loop reads on to the end of the batch (finishing what it holds) and then returns.
      void batch?.close();
      await Promise.all([loop, stopObservingLag?.()]);
      loop = undefined;
      stopObservingLag = undefined;
    },
  };
}

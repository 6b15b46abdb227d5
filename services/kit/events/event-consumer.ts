import type { Registry } from "@bufbuild/protobuf";
import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from "@nats-io/jetstream";
import { AckPolicy, DeliverPolicy } from "@nats-io/jetstream";
import { nanos } from "@nats-io/transport-node";
import type { Tracer } from "@opentelemetry/api";
import { trace } from "@opentelemetry/api";
import type { Kysely } from "kysely";
import { assertSchemaName } from "../database/index.js";
import type { Logger } from "../logging/logger.js";
import { ensureConsumer } from "./ensure-consumer.js";
import { type ConsumedEvent, decodeEvent } from "./envelope.js";
import type { EventHandler } from "./handle-event-message.js";
import { handleEventMessage } from "./handle-event-message.js";
import { createLaneScheduler } from "./lane-scheduler.js";

/** Options of {@link createEventConsumer}. */
export interface EventConsumerOptions<DB> {
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
  readonly handle: EventHandler<DB>;
  /** Which events `handle` wants (default all); the rest are acknowledged without a transaction. */
  readonly accepts?: (event: ConsumedEvent) => boolean;
  /** Payload types this consumer can decode (`createRegistry(file_waybill_orders_v1_events)`). */
  readonly registry: Registry;
  readonly logger: Logger;
  /** Deliveries before the message is dead-lettered (default 5). */
  readonly maxDeliver?: number;
  /** Nak delays by failed attempt (default 200 ms, 1 s, 5 s, 15 s). */
  readonly backoffMs?: readonly number[];
  /** Redelivery after a delivery that was neither acked nor naked, e.g. a crash (default 30 s). */
  readonly ackWaitMs?: number;
  /** Messages pulled ahead of processing (default 10, and at least `concurrency`). */
  readonly prefetch?: number;
  /**
   * Events handled at once (default 1: strictly one after another in stream order). Above 1,
   * events of one lane (see `laneOf`) still go in stream order and lanes run side by side.
   */
  readonly concurrency?: number;
  /** The lane of an event, e.g. its zone (default: one lane for all, so no parallelism). */
  readonly laneOf?: (event: ConsumedEvent) => string;
  readonly tracer?: Tracer;
  /** Test hook: see {@link EventMessageContext.afterCommit}. */
  readonly afterCommit?: (event: ConsumedEvent) => void | Promise<void>;
}

/** A running durable consumer. */
export interface EventConsumer {
  start(): Promise<void>;
  /** Stops pulling and finishes the messages already pulled. */
  stop(): Promise<void>;
}

/**
 * Creates a durable pull consumer (explicit ack) that hands each event to `handle` exactly once
 * per consumer name, however often JetStream delivers it (see {@link handleEventMessage}).
 * Replicas with the same name share the work.
 *
 * @example
 * const consumer = createEventConsumer({ db, js, jsm, schema: "fleet", name: "fleet-orders",
 *   stream: domainStreamName(prefix, "orders"), filterSubject: domainSubjects(prefix, "orders"),
 *   registry: createRegistry(file_waybill_orders_v1_events), logger,
 *   handle: async (event, trx) => { if (isMessage(event.payload, OrderReadySchema)) ... } });
 * await consumer.start();
 */
export function createEventConsumer<DB>(options: EventConsumerOptions<DB>): EventConsumer {
  const { js, jsm, stream, name } = options;
  assertSchemaName(options.schema);
  const logger = options.logger.child({ component: "event-consumer", consumer: name, stream });
  const context = {
    ...options,
    backoffMs: options.backoffMs ?? [200, 1_000, 5_000, 15_000],
    tracer: options.tracer ?? trace.getTracer("waybill-events"),
    logger,
    keepWaiting: () => running,
  };
  const definition = {
    durable_name: name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: options.filterSubject,
    max_deliver: options.maxDeliver ?? 5,
    ack_wait: nanos(options.ackWaitMs ?? 30_000),
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
  let running = false;
  let messages: ConsumerMessages | undefined;
  let loop: Promise<void> | undefined;

  async function run(): Promise<void> {
    while (running) {
      try {
        const consumer = await js.consumers.get(stream, name);
        messages = await consumer.consume({ max_messages: Math.max(options.prefetch ?? 10, concurrency) });
        if (!running) await messages.close(); // stop() ran while we were connecting
        // After close() the buffered messages still arrive here, and are finished before stopping.
        const lanes = createLaneScheduler(concurrency, (error) =>
          logger.error({ err: error }, "handling a message failed"),
        );
        for await (const msg of messages) {
          const { lane, event } = laneOf(msg);
          await lanes.schedule(lane, () => handleEventMessage(msg, context, event));
        }
        await lanes.drain();
      } catch (error) {
        logger.error({ err: error }, "consuming failed; restarting");
        if (running) await new Promise((resolve) => setTimeout(resolve, 1_000));
        if (running) await ensureConsumer(jsm, stream, definition, logger).catch(() => undefined);
      }
    }
  }

  return {
    async start() {
      if (running) return;
      await ensureConsumer(jsm, stream, definition, logger);
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      await messages?.close();
      await loop;
      loop = undefined;
    },
  };
}

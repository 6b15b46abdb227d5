import type { Registry } from "@bufbuild/protobuf";
import type { JsMsg } from "@nats-io/jetstream";
import type { Tracer } from "@opentelemetry/api";
import type { Kysely, Transaction } from "kysely";
import type { Logger } from "../logging/logger.js";
import type { ConsumerTelemetry } from "./consumer-telemetry.js";
import type { ConsumedEvent } from "./envelope.js";
import { admitMessage, commitAlone, prepareEventHandler, spendDelivery } from "./event-message-steps.js";

/**
 * A consumer's business logic: runs inside the transaction that also records the inbox row. It
 * receives what the consumer's {@link EventPreparer} returned for the event (`undefined` for a
 * consumer without one). It must not wait on the network (another service, NATS, SMTP, HTTP):
 * that is what the preparer is for.
 */
export type EventHandler<DB, P = undefined> = (
  event: ConsumedEvent,
  trx: Transaction<DB>,
  prepared: P,
) => Promise<void>;

/**
 * Work a consumer does for an event before its transaction opens, with no transaction and no
 * connection held: asking another service, or anything else that may wait on the network. What
 * it returns is handed to the {@link EventHandler}. It runs on every delivery (a redelivery of an
 * event already handled included; the inbox is only read in the transaction), so it must be
 * idempotent: read, or remember facts in statements of its own. Its failures are those of the
 * handler: the database or a service it calls being unavailable holds the message, anything else
 * spends the delivery.
 */
export type EventPreparer<P> = (event: ConsumedEvent) => Promise<P>;

/** A consumer's handling with a preparation step: `handle` receives what `prepare` returned. */
export interface PreparedEventHandling<DB, P> {
  readonly prepare: EventPreparer<P>;
  readonly handle: EventHandler<DB, P>;
}

/** A consumer's handling without a preparation step: `handle` receives `undefined`. */
export interface PlainEventHandling<DB> {
  readonly prepare?: undefined;
  readonly handle: EventHandler<DB, undefined>;
}

/**
 * How a consumer handles an event, with or without a preparation step. A handler can only expect
 * a prepared value when a preparer produces it.
 */
export type EventHandling<DB, P> = PreparedEventHandling<DB, P> | PlainEventHandling<DB>;

/** Everything {@link handleEventMessage} needs besides the handling; built once per consumer. */
export interface EventMessageSettings<DB> {
  readonly db: Kysely<DB>;
  readonly schema: string;
  /** Durable consumer name, also the inbox's `consumer` column. */
  readonly name: string;
  readonly registry: Registry;
  /**
   * Which events the handler wants (default all). Others are acknowledged at once, without a
   * transaction or an inbox row: filtering by subject cannot express everything (a consumer may
   * want only some reasons of one event type) and NATS 2.9 has no multi-subject filters.
   */
  readonly accepts?: (event: ConsumedEvent) => boolean;
  /** Nak delay by attempt: the n-th failed delivery waits `backoffMs[n-1]` (last value repeats). */
  readonly backoffMs: readonly number[];
  /**
   * The consumer's `max_deliver`: a failure of that delivery is the last one, reported as a dead
   * letter (not as a retry). Unset: every failure is taken for one that will be retried.
   */
  readonly maxDeliver?: number;
  /** The consumer's metrics (unset: none recorded). */
  readonly telemetry?: ConsumerTelemetry;
  readonly tracer: Tracer;
  readonly logger: Logger;
  /**
   * Test hook after commit, before ack; throwing leaves the message unacknowledged (a crash). For
   * a batch, called for each event in order once the batch has committed.
   */
  readonly afterCommit?: (event: ConsumedEvent) => void | Promise<void>;
  /** False once the consumer is stopping: an outage wait then gives the message back. */
  readonly keepWaiting?: () => boolean;
}

/** Everything {@link handleEventMessage} needs: its settings and the consumer's handling. */
export type EventMessageContext<DB, P = undefined> = EventMessageSettings<DB> & EventHandling<DB, P>;

/** How one message ended, for logs and tests. */
export type EventMessageOutcome = "processed" | "duplicate" | "ignored" | "failed" | "poison" | "unacknowledged";

/**
 * Processes one JetStream message exactly once per consumer: decode (poison → `term()`, which
 * raises the MSG_TERMINATED advisory), continue the producer's trace, run the consumer's
 * preparation (if any) with no transaction open, then in one transaction insert `(consumer, event
 * id)` into the inbox and run the handler unless the row existed; commit, then `ack()`. A failing
 * preparation or handler (the handler's transaction rolled back) is `nak`ed with backoff; after
 * `max_deliver` attempts JetStream raises MAX_DELIVERIES, which the dead-letter stream keeps, and
 * the last failure is reported loudly (see `reportDeadLetter`). Several messages at once: {@link handleEventBatch}.
 */
export async function handleEventMessage<DB, P>(
  msg: JsMsg,
  ctx: EventMessageContext<DB, P>,
  decoded?: ConsumedEvent,
): Promise<EventMessageOutcome> {
  const item = admitMessage(msg, ctx, decoded);
  if (typeof item === "string") return item;
  let stage = "preparing failed";
  try {
    // Outside any transaction: a preparation may wait on other services.
    const handle = await prepareEventHandler(item, ctx);
    stage = "handler failed; rolled back";
    return await commitAlone(item, ctx, handle);
  } catch (error) {
    return spendDelivery(item, ctx, error, stage);
  } finally {
    item.span.end();
  }
}

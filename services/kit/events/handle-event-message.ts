import type { Registry } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { JsMsg } from "@nats-io/jetstream";
import type { Tracer } from "@opentelemetry/api";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import type { Kysely, Transaction } from "kysely";
import { isDatabaseUnavailable } from "../database/index.js";
import type { Logger } from "../logging/logger.js";
import { extractTraceContext } from "../telemetry/trace-context.js";
import type { ConsumedEvent } from "./envelope.js";
import { decodeEvent, PoisonMessageError } from "./envelope.js";
import { eventTables } from "./event-tables.js";

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
  readonly tracer: Tracer;
  readonly logger: Logger;
  /** Test hook after commit, before ack; throwing leaves the message unacknowledged (a crash). */
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
 * `max_deliver` attempts JetStream raises MAX_DELIVERIES, which the dead-letter stream keeps.
 */
export async function handleEventMessage<DB, P>(
  msg: JsMsg,
  ctx: EventMessageContext<DB, P>,
  decoded?: ConsumedEvent,
): Promise<EventMessageOutcome> {
  const log = ctx.logger.child({ subject: msg.subject, streamSeq: msg.seq, delivery: msg.info.deliveryCount });
  let event: ConsumedEvent;
  try {
    // A caller that already decoded the message (to pick its lane) passes the event along.
    event = decoded ?? decodeEvent(msg.data, msg.subject, ctx.registry);
  } catch (error) {
    if (!(error instanceof PoisonMessageError)) throw error;
    log.error({ err: error }, "poison message terminated");
    msg.term();
    return "poison";
  }
  if (ctx.accepts && !ctx.accepts(event)) {
    msg.ack();
    return "ignored";
  }
  const attributes = {
    "messaging.system": "nats",
    "messaging.destination.name": msg.subject,
    "messaging.consumer.group.name": ctx.name,
    "messaging.message.id": event.id,
  };
  const parent = extractTraceContext(traceCarrier(msg, event));
  return ctx.tracer.startActiveSpan(
    `process ${msg.subject}`,
    { kind: SpanKind.CONSUMER, attributes },
    parent,
    async (span) => {
      let stage = "preparing failed";
      try {
        // Outside any transaction: a preparation may wait on other services.
        const handle = await retryWhileUnavailable(msg, ctx, log, preparationUnavailable, () =>
          prepareHandler(ctx, event),
        );
        stage = "handler failed; rolled back";
        const fresh = await retryWhileUnavailable(msg, ctx, log, isDatabaseUnavailable, () =>
          ctx.db.transaction().execute(async (trx) => {
            const inserted = await eventTables(trx, ctx.schema)
              .insertInto("inbox")
              .values({ consumer: ctx.name, event_id: event.id })
              .onConflict((conflict) => conflict.doNothing())
              .returning("event_id")
              .executeTakeFirst();
            if (inserted === undefined) return false;
            await handle(trx);
            return true;
          }),
        );
        try {
          await ctx.afterCommit?.(event);
        } catch (error) {
          log.warn({ err: error, eventId: event.id }, "left unacknowledged");
          return "unacknowledged";
        }
        msg.ack();
        if (!fresh) log.debug({ eventId: event.id }, "duplicate skipped by inbox");
        return fresh ? "processed" : "duplicate";
      } catch (error) {
        const delay = ctx.backoffMs[Math.min(msg.info.deliveryCount, ctx.backoffMs.length) - 1] ?? 0;
        log.warn({ err: error, eventId: event.id, retryInMs: delay }, stage);
        span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
        msg.nak(delay);
        return "failed";
      } finally {
        span.end();
      }
    },
  );
}

/**
 * Runs the consumer's preparation for `event` (none: nothing to do) and returns its handler bound
 * to the event and the prepared value, ready to run in the transaction.
 */
async function prepareHandler<DB, P>(
  handling: EventHandling<DB, P>,
  event: ConsumedEvent,
): Promise<(trx: Transaction<DB>) => Promise<void>> {
  if (handling.prepare === undefined) {
    const { handle } = handling;
    return (trx) => handle(event, trx, undefined);
  }
  const prepared = await handling.prepare(event);
  const { handle } = handling;
  return (trx) => handle(event, trx, prepared);
}

/**
 * True when a preparation failed because something it needs is down for now: the database (see
 * {@link isDatabaseUnavailable}) or another service answering `UNAVAILABLE` (unreachable,
 * restarting, or without its own database). Either is an outage to wait out, not a fault of the event.
 */
function preparationUnavailable(error: unknown): boolean {
  return isDatabaseUnavailable(error) || (error instanceof ConnectError && error.code === Code.Unavailable);
}

/** Longest pause between attempts while a dependency is unavailable. */
const outageRetryCapMs = 5_000;

/**
 * Runs `attempt`, and while it fails because a dependency is unavailable (`unavailable`: for the
 * transaction the database being unreachable, a lost connection, a restart, too many connections,
 * see {@link isDatabaseUnavailable}; for the preparation also another service), tries again in
 * place (telling JetStream the message is still being worked on) instead of spending a delivery:
 * an outage must not dead-letter healthy events. Other errors, and a stopping consumer, fall
 * through. The consumer keeps its other held messages alive meanwhile (see `held-messages.ts`).
 */
async function retryWhileUnavailable<T>(
  msg: JsMsg,
  settings: Pick<EventMessageSettings<unknown>, "keepWaiting">,
  log: Logger,
  unavailable: (error: unknown) => boolean,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let pause = 100; ; pause = Math.min(pause * 2, outageRetryCapMs)) {
    try {
      return await attempt();
    } catch (error) {
      if (!unavailable(error) || settings.keepWaiting?.() === false) throw error;
      log.warn({ err: error, retryInMs: pause }, "a dependency is unavailable; holding the message");
      msg.working();
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** The publish span's context from the headers, else the producer's from the envelope. */
function traceCarrier(msg: JsMsg, event: ConsumedEvent): Readonly<Record<string, string>> {
  const traceparent = msg.headers?.get("traceparent") ?? "";
  if (traceparent === "") return event.traceContext;
  const tracestate = msg.headers?.get("tracestate") ?? "";
  return tracestate === "" ? { traceparent } : { traceparent, tracestate };
}

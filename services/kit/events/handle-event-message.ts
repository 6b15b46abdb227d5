import type { Registry } from "@bufbuild/protobuf";
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

/** A consumer's business logic: runs inside the transaction that also records the inbox row. */
export type EventHandler<DB> = (event: ConsumedEvent, trx: Transaction<DB>) => Promise<void>;

/** Everything {@link handleEventMessage} needs; built once per consumer. */
export interface EventMessageContext<DB> {
  readonly db: Kysely<DB>;
  readonly schema: string;
  /** Durable consumer name, also the inbox's `consumer` column. */
  readonly name: string;
  readonly registry: Registry;
  readonly handle: EventHandler<DB>;
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

/** How one message ended, for logs and tests. */
export type EventMessageOutcome = "processed" | "duplicate" | "ignored" | "failed" | "poison" | "unacknowledged";

/**
 * Processes one JetStream message exactly once per consumer: decode (poison → `term()`, which
 * raises the MSG_TERMINATED advisory), continue the producer's trace, then in one transaction
 * insert `(consumer, event id)` into the inbox and run the handler unless the row existed;
 * commit, then `ack()`. A failing handler rolls back and is `nak`ed with backoff; after
 * `max_deliver` attempts JetStream raises MAX_DELIVERIES, which the dead-letter stream keeps.
 */
export async function handleEventMessage<DB>(
  msg: JsMsg,
  ctx: EventMessageContext<DB>,
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
      try {
        const fresh = await retryWhileUnreachable(msg, ctx, log, () =>
          ctx.db.transaction().execute(async (trx) => {
            const inserted = await eventTables(trx, ctx.schema)
              .insertInto("inbox")
              .values({ consumer: ctx.name, event_id: event.id })
              .onConflict((conflict) => conflict.doNothing())
              .returning("event_id")
              .executeTakeFirst();
            if (inserted === undefined) return false;
            await ctx.handle(event, trx);
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
        log.warn({ err: error, eventId: event.id, retryInMs: delay }, "handler failed; rolled back");
        span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
        msg.nak(delay);
        return "failed";
      } finally {
        span.end();
      }
    },
  );
}

/** Longest pause between attempts while the database is unreachable. */
const outageRetryCapMs = 5_000;

/**
 * Runs `attempt`, and while it fails because the database is unavailable (unreachable, a lost
 * connection, a restart, too many connections: see {@link isDatabaseUnavailable}), tries again in
 * place (telling JetStream the message is still being worked on) instead of spending a delivery:
 * an outage must not dead-letter healthy events. Other errors, and a stopping consumer, fall through.
 * The consumer keeps its other held messages alive meanwhile (see `held-messages.ts`).
 */
async function retryWhileUnreachable<T, DB>(
  msg: JsMsg,
  ctx: EventMessageContext<DB>,
  log: Logger,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let pause = 100; ; pause = Math.min(pause * 2, outageRetryCapMs)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || ctx.keepWaiting?.() === false) throw error;
      log.warn({ err: error, retryInMs: pause }, "database unavailable; holding the message");
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

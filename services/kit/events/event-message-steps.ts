import type { JsMsg } from "@nats-io/jetstream";
import type { Context, Span } from "@opentelemetry/api";
import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { Transaction } from "kysely";
import { isDatabaseUnavailable } from "../database/index.js";
import type { Logger } from "../logging/logger.js";
import { extractTraceContext } from "../telemetry/trace-context.js";
import type { ConsumedEvent } from "./envelope.js";
import { decodeEvent, PoisonMessageError } from "./envelope.js";
import type {
  EventHandling,
  EventMessageContext,
  EventMessageOutcome,
  EventMessageSettings,
} from "./handle-event-message.js";
import { recordInboxRows } from "./record-inbox-rows.js";
import { preparationUnavailable, retryWhileUnavailable } from "./retry-while-unavailable.js";

/** A delivered event on its way: its message, its `process …` span and the context holding that span. */
export interface EventInProcess {
  readonly msg: JsMsg;
  readonly event: ConsumedEvent;
  readonly log: Logger;
  readonly span: Span;
  /** The active context for work on the event (its span, parented on the producer's). */
  readonly context: Context;
}

/** The settings of a step that does not touch the database. */
type MessageSettings = Omit<EventMessageSettings<unknown>, "db">;

/** The consumer's handler bound to one event and what its preparation returned. */
export type BoundHandler<DB> = (trx: Transaction<DB>) => Promise<void>;

/**
 * Decodes a message (a caller that decoded it already, to pick its lane, passes the event) and
 * starts its `process …` span, parented on the producer's trace. Poison is terminated (the
 * MSG_TERMINATED advisory dead-letters it); an event the consumer does not want is acknowledged
 * at once, without a transaction. The caller ends the span.
 */
export function admitMessage(
  msg: JsMsg,
  ctx: MessageSettings,
  decoded?: ConsumedEvent,
): EventInProcess | "poison" | "ignored" {
  const log = ctx.logger.child({ subject: msg.subject, streamSeq: msg.seq, delivery: msg.info.deliveryCount });
  let event: ConsumedEvent;
  try {
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
  const span = ctx.tracer.startSpan(`process ${msg.subject}`, { kind: SpanKind.CONSUMER, attributes }, parent);
  return { msg, event, log, span, context: trace.setSpan(parent, span) };
}

/**
 * Runs the consumer's preparation of the event (none: nothing to do), with no transaction open,
 * holding the message while what it needs is unavailable, and returns the handler bound to it.
 */
export function prepareEventHandler<DB, P>(
  item: EventInProcess,
  ctx: EventMessageContext<DB, P>,
): Promise<BoundHandler<DB>> {
  const retry = {
    messages: [item.msg],
    keepWaiting: ctx.keepWaiting,
    log: item.log,
    unavailable: preparationUnavailable,
  };
  return retryWhileUnavailable(retry, () => context.with(item.context, () => bindHandler(ctx, item.event)));
}

/**
 * Handles one event in a transaction of its own: inserts its inbox row and runs `handle` unless
 * the row existed (holding the message while the database is unavailable), then acknowledges it
 * (see {@link acknowledgeHandled}). Throws what the transaction threw, rolled back.
 */
export async function commitAlone<DB>(
  item: EventInProcess,
  ctx: EventMessageSettings<DB>,
  handle: BoundHandler<DB>,
): Promise<EventMessageOutcome> {
  const retry = {
    messages: [item.msg],
    keepWaiting: ctx.keepWaiting,
    log: item.log,
    unavailable: isDatabaseUnavailable,
  };
  const fresh = await retryWhileUnavailable(retry, () =>
    context.with(item.context, () =>
      ctx.db.transaction().execute(async (trx) => {
        const isNew = await recordInboxRows(trx, ctx.schema, ctx.name, [item.event.id]);
        if (!isNew(item.event.id)) return false;
        await handle(trx);
        return true;
      }),
    ),
  );
  return acknowledgeHandled(item, ctx, fresh);
}

/**
 * After the commit: runs the `afterCommit` test hook (throwing leaves the message unacknowledged,
 * as a crash would), then acknowledges the message.
 */
export async function acknowledgeHandled(
  item: EventInProcess,
  ctx: MessageSettings,
  fresh: boolean,
): Promise<EventMessageOutcome> {
  try {
    await ctx.afterCommit?.(item.event);
  } catch (error) {
    item.log.warn({ err: error, eventId: item.event.id }, "left unacknowledged");
    return "unacknowledged";
  }
  item.msg.ack();
  if (!fresh) item.log.debug({ eventId: item.event.id }, "duplicate skipped by inbox");
  return fresh ? "processed" : "duplicate";
}

/** Gives the message back with the backoff of its delivery: JetStream counts the attempt. */
export function spendDelivery(
  item: EventInProcess,
  ctx: Pick<EventMessageSettings<unknown>, "backoffMs">,
  error: unknown,
  stage: string,
): "failed" {
  const delay = ctx.backoffMs[Math.min(item.msg.info.deliveryCount, ctx.backoffMs.length) - 1] ?? 0;
  item.log.warn({ err: error, eventId: item.event.id, retryInMs: delay }, stage);
  item.span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
  item.msg.nak(delay);
  return "failed";
}

/** Runs the preparation (if any) and binds the handler to the event and the prepared value. */
async function bindHandler<DB, P>(handling: EventHandling<DB, P>, event: ConsumedEvent): Promise<BoundHandler<DB>> {
  if (handling.prepare === undefined) {
    const { handle } = handling;
    return (trx) => handle(event, trx, undefined);
  }
  const prepared = await handling.prepare(event);
  const { handle } = handling;
  return (trx) => handle(event, trx, prepared);
}

/** The publish span's context from the headers, else the producer's from the envelope. */
function traceCarrier(msg: JsMsg, event: ConsumedEvent): Readonly<Record<string, string>> {
  const traceparent = msg.headers?.get("traceparent") ?? "";
  if (traceparent === "") return event.traceContext;
  const tracestate = msg.headers?.get("tracestate") ?? "";
  return tracestate === "" ? { traceparent } : { traceparent, tracestate };
}

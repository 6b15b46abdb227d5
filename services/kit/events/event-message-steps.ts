import { performance } from "node:perf_hooks";
import type { JsMsg } from "@nats-io/jetstream";
import type { Context, Span } from "@opentelemetry/api";
import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { Transaction } from "kysely";
import { isDatabaseUnavailable } from "../database/index.js";
import type { Logger } from "../logging/logger.js";
import { extractTraceContext } from "../telemetry/trace-context.js";
import type { ConsumedEvent } from "./envelope.js";
import { decodeEvent, PoisonMessageError } from "./envelope.js";
import { EventHeaders } from "./event-headers.js";
import { errorType } from "./event-metrics.js";
import type {
  EventHandling,
  EventMessageContext,
  EventMessageOutcome,
  EventMessageSettings,
} from "./handle-event-message.js";
import { recordInboxRows } from "./record-inbox-rows.js";
import { reportDeadLetter } from "./report-dead-letter.js";
import { preparationUnavailable, retryWhileUnavailable } from "./retry-while-unavailable.js";

/** A delivered event on its way: its message, its `process …` span and the context holding that span. */
export interface EventInProcess {
  readonly msg: JsMsg;
  readonly event: ConsumedEvent;
  readonly log: Logger;
  readonly span: Span;
  /** The active context for work on the event (its span, parented on the producer's). */
  readonly context: Context;
  /** `performance.now()` at admission, for `messaging.process.duration`. */
  readonly startedAt: number;
}

/** The settings of a step that does not touch the database. */
type MessageSettings = Omit<EventMessageSettings<unknown>, "db">;

/** The consumer's handler bound to one event and what its preparation returned. */
export type BoundHandler<DB> = (trx: Transaction<DB>) => Promise<void>;

/**
 * Decodes a message (a caller that decoded it already, to pick its lane, passes the event) and
 * starts its `process …` span, parented on the producer's trace. Poison is terminated (the
 * MSG_TERMINATED advisory dead-letters it) and reported as a dead letter; an event the consumer
 * does not want is acknowledged at once, without a transaction. The caller ends the span.
 */
export function admitMessage(
  msg: JsMsg,
  ctx: MessageSettings,
  decoded?: ConsumedEvent,
): EventInProcess | "poison" | "ignored" {
  const startedAt = performance.now();
  const log = ctx.logger.child({ subject: msg.subject, streamSeq: msg.seq, delivery: msg.info.deliveryCount });
  let event: ConsumedEvent;
  try {
    event = decoded ?? decodeEvent(msg.data, msg.subject, ctx.registry);
  } catch (error) {
    if (!(error instanceof PoisonMessageError)) throw error;
    terminatePoison(msg, ctx, log, startedAt, error);
    return "poison";
  }
  if (ctx.accepts && !ctx.accepts(event)) {
    msg.ack();
    return "ignored";
  }
  const parent = extractTraceContext(traceCarrier(msg, event.traceContext));
  const span = startProcessSpan(msg, ctx, parent, event.id);
  return { msg, event, log, span, context: trace.setSpan(parent, span), startedAt };
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
  // In the event's span, so what the retry logs carries its ids.
  return context.with(item.context, () => retryWhileUnavailable(retry, () => bindHandler(ctx, item.event)));
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
  const fresh = await context.with(item.context, () =>
    retryWhileUnavailable(retry, () =>
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
 * as a crash would), then acknowledges the message and records the outcome.
 */
export async function acknowledgeHandled(
  item: EventInProcess,
  ctx: MessageSettings,
  fresh: boolean,
): Promise<EventMessageOutcome> {
  try {
    await context.with(item.context, async () => ctx.afterCommit?.(item.event));
  } catch (error) {
    context.with(item.context, () => item.log.warn({ err: error, eventId: item.event.id }, "left unacknowledged"));
    return "unacknowledged";
  }
  item.msg.ack();
  const outcome = fresh ? "processed" : "duplicate";
  ctx.telemetry?.settled({ subject: item.msg.subject, startedAt: item.startedAt, outcome });
  if (!fresh) {
    context.with(item.context, () => item.log.debug({ eventId: item.event.id }, "duplicate skipped by inbox"));
  }
  return outcome;
}

/**
 * Gives the message back with the backoff of its delivery: JetStream counts the attempt. The
 * consumer's last delivery is not retried: JetStream dead-letters it (MAX_DELIVERIES), so it goes
 * back at once and is reported loudly instead of as a retry (see {@link reportDeadLetter}).
 */
export function spendDelivery(
  item: EventInProcess,
  ctx: Pick<MessageSettings, "backoffMs" | "maxDeliver" | "telemetry">,
  error: unknown,
  stage: string,
): "failed" {
  const deliveries = item.msg.info.deliveryCount;
  item.span.recordException(error instanceof Error ? error : String(error));
  item.span.setAttribute("error.type", errorType(error));
  const settled = { subject: item.msg.subject, startedAt: item.startedAt, error };
  if (ctx.maxDeliver !== undefined && deliveries >= ctx.maxDeliver) {
    const { event } = item;
    reportDeadLetter(
      { ...item, eventId: event.id, eventType: event.type, reason: "max_deliveries", deliveries, error },
      ctx.telemetry,
    );
    ctx.telemetry?.settled({ ...settled, outcome: "dead_lettered" });
    item.msg.nak();
    return "failed";
  }
  const delay = ctx.backoffMs[Math.min(deliveries, ctx.backoffMs.length) - 1] ?? 0;
  context.with(item.context, () =>
    item.log.warn({ err: error, eventId: item.event.id, retryInMs: delay, deliveries }, stage),
  );
  item.span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
  ctx.telemetry?.settled({ ...settled, outcome: "failed" });
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

/** Starts the `process …` span of a delivery (CONSUMER, operation `process`), below `parent`. */
function startProcessSpan(msg: JsMsg, ctx: MessageSettings, parent: Context, messageId: string): Span {
  const attributes = {
    "messaging.system": "nats",
    "messaging.operation.name": "process",
    "messaging.operation.type": "process",
    "messaging.destination.name": msg.subject,
    "messaging.consumer.group.name": ctx.name,
    "messaging.message.id": messageId,
  };
  return ctx.tracer.startSpan(`process ${msg.subject}`, { kind: SpanKind.CONSUMER, attributes }, parent);
}

/**
 * Terminates a message that cannot be decoded (the MSG_TERMINATED advisory dead-letters it at
 * once: no delivery would do better) and reports it, in a `process …` span of its own below the
 * publish span its headers name.
 */
function terminatePoison(
  msg: JsMsg,
  ctx: MessageSettings,
  log: Logger,
  startedAt: number,
  error: PoisonMessageError,
): void {
  const eventId = msg.headers?.get(EventHeaders.EventId) || msg.headers?.get("Nats-Msg-Id") || "";
  const eventType = msg.headers?.get(EventHeaders.EventType) ?? "";
  const parent = extractTraceContext(traceCarrier(msg, {}));
  const span = startProcessSpan(msg, ctx, parent, eventId);
  try {
    span.recordException(error);
    span.setAttribute("error.type", errorType(error));
    msg.term();
    const report = { span, context: trace.setSpan(parent, span), log, eventId, eventType, error };
    reportDeadLetter({ ...report, reason: "terminated", deliveries: msg.info.deliveryCount }, ctx.telemetry);
    ctx.telemetry?.settled({ subject: msg.subject, startedAt, outcome: "dead_lettered", error });
  } finally {
    span.end();
  }
}

/** The publish span's context from the headers, else the producer's from the envelope. */
function traceCarrier(msg: JsMsg, fallback: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  const traceparent = msg.headers?.get("traceparent") ?? "";
  if (traceparent === "") return fallback;
  const tracestate = msg.headers?.get("tracestate") ?? "";
  return tracestate === "" ? { traceparent } : { traceparent, tracestate };
}

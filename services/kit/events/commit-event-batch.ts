import type { Span } from "@opentelemetry/api";
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { sql } from "kysely";
import { isDatabaseUnavailable } from "../database/index.js";
import {
  acknowledgeHandled,
  type BoundHandler,
  commitAlone,
  type EventInProcess,
  spendDelivery,
} from "./event-message-steps.js";
import type { EventMessageContext } from "./handle-event-message.js";
import { recordInboxRows } from "./record-inbox-rows.js";
import { retryWhileUnavailable } from "./retry-while-unavailable.js";

/** An event ready for the transaction: prepared, its handler bound. */
export interface ReadyEvent<DB> extends EventInProcess {
  readonly handle: BoundHandler<DB>;
}

/**
 * How long a batch's transaction waits for a lock before it gives up (and its events go one by
 * one). Events of a batch lock rows in stream order, not in the sorted order each operation keeps,
 * so a batch can close a lock cycle with an RPC's transaction; giving up well before PostgreSQL's
 * deadlock check (`deadlock_timeout`, 1 s by default) makes the batch the one that yields.
 */
const batchLockTimeout = "500ms";

/**
 * Handles prepared events (one lane's, in stream order) in one transaction: their inbox rows in
 * one statement, `handle` for each whose row is new, commit, then `afterCommit` and `ack` for each.
 * If it fails for another reason than an outage, they go one by one instead. The
 * transaction's own statements go in a `commit batch` span linked to the events' spans; each
 * handler runs in its event's span.
 */
export async function commitEventBatch<DB, P>(
  ready: readonly ReadyEvent<DB>[],
  ctx: EventMessageContext<DB, P>,
): Promise<void> {
  for (const item of ready) item.span.setAttribute("messaging.batch.message_count", ready.length);
  const batchSpan = ctx.tracer.startSpan(
    `commit batch ${ctx.name}`,
    {
      kind: SpanKind.INTERNAL,
      attributes: { "messaging.consumer.group.name": ctx.name, "messaging.batch.message_count": ready.length },
      links: ready.map((item) => ({ context: item.span.spanContext() })),
    },
    ROOT_CONTEXT,
  );
  try {
    await context.with(trace.setSpan(ROOT_CONTEXT, batchSpan), () => commitOrSplit(ready, ctx, batchSpan));
  } finally {
    batchSpan.end();
  }
}

/** The batch's transaction, retried in place through an outage; any other failure splits it. */
async function commitOrSplit<DB, P>(
  ready: readonly ReadyEvent<DB>[],
  ctx: EventMessageContext<DB, P>,
  batchSpan: Span,
): Promise<void> {
  const retry = {
    messages: ready.map((item) => item.msg),
    keepWaiting: ctx.keepWaiting,
    log: ctx.logger,
    unavailable: isDatabaseUnavailable,
  };
  let fresh: boolean[];
  try {
    fresh = await retryWhileUnavailable(retry, () =>
      ctx.db.transaction().execute(async (trx) => {
        await sql`select set_config('lock_timeout', ${batchLockTimeout}, true)`.execute(trx);
        const isNew = await recordInboxRows(
          trx,
          ctx.schema,
          ctx.name,
          ready.map((item) => item.event.id),
        );
        // The same event twice in one batch (published twice): the first one is handled.
        const handled = new Set<string>();
        const outcomes: boolean[] = [];
        for (const item of ready) {
          const id = item.event.id.toLowerCase();
          const first = isNew(id) && !handled.has(id);
          outcomes.push(first);
          if (!first) continue;
          handled.add(id);
          await context.with(item.context, () => item.handle(trx));
        }
        return outcomes;
      }),
    );
  } catch (error) {
    ctx.logger.warn({ err: error, events: ready.length }, "batch rolled back; handling its events one by one");
    batchSpan.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
    for (const item of ready) await commitAloneOrSpend(item, ctx);
    return;
  }
  for (const [index, item] of ready.entries()) await acknowledgeHandled(item, ctx, fresh[index] === true);
}

/** Handles an event alone, in its own transaction, a failure spending its delivery. */
export async function commitAloneOrSpend<DB, P>(item: ReadyEvent<DB>, ctx: EventMessageContext<DB, P>): Promise<void> {
  try {
    await context.with(item.context, () => commitAlone(item, ctx, item.handle));
  } catch (error) {
    spendDelivery(item, ctx, error, "handler failed; rolled back");
  }
}

import type { JsMsg } from "@nats-io/jetstream";
import { commitAloneOrSpend, commitEventBatch, type ReadyEvent } from "./commit-event-batch.js";
import type { ConsumedEvent } from "./envelope.js";
import { admitMessage, type EventInProcess, prepareEventHandler, spendDelivery } from "./event-message-steps.js";
import { type EventMessageContext, handleEventMessage } from "./handle-event-message.js";

/** A pulled message, with its event when it was decoded already (to pick its lane). */
export interface PulledMessage {
  readonly msg: JsMsg;
  readonly event?: ConsumedEvent;
}

/** Preparations run at once for one batch: enough to overlap calls, few enough to spare peers and the pool. */
const prepareConcurrency = 8;

/**
 * Processes messages delivered together (one lane's, in stream order) in one transaction, each
 * event exactly once per consumer, as {@link handleEventMessage} does one:
 * 1. decode (poison is terminated) and acknowledge events the consumer does not want;
 * 2. prepare each event with no transaction open; a failed preparation spends that delivery
 *    (or holds the message through an outage) and the others go on;
 * 3. one transaction: the inbox rows of all events in one statement, then `handle` for each event
 *    whose row is new, in order; commit, then the `afterCommit` hook and `ack` for each;
 * 4. while the database is unavailable the batch is tried again in place, spending no delivery;
 *    any other failure rolls it back and its events go one by one through the path of a single
 *    message, so attempts, backoff and dead letters stay per message.
 * One message, or one event left after steps 1-2, is handled exactly as a single message.
 */
export async function handleEventBatch<DB, P>(
  messages: readonly PulledMessage[],
  ctx: EventMessageContext<DB, P>,
): Promise<void> {
  const [only] = messages;
  if (messages.length === 1 && only) {
    await handleEventMessage(only.msg, ctx, only.event);
    return;
  }
  const admitted: EventInProcess[] = [];
  for (const { msg, event } of messages) {
    const item = admitMessage(msg, ctx, event);
    if (typeof item !== "string") admitted.push(item);
  }
  try {
    const ready = await prepareAll(admitted, ctx);
    const [single] = ready;
    if (ready.length === 1 && single) await commitAloneOrSpend(single, ctx);
    else if (ready.length > 1) await commitEventBatch(ready, ctx);
  } finally {
    for (const item of admitted) item.span.end();
  }
}

/** Prepares the events a few at a time; returns those prepared, in their order. */
async function prepareAll<DB, P>(
  items: readonly EventInProcess[],
  ctx: EventMessageContext<DB, P>,
): Promise<ReadyEvent<DB>[]> {
  const ready: (ReadyEvent<DB> | undefined)[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) {
      const item = items[index] as EventInProcess;
      try {
        ready[index] = { ...item, handle: await prepareEventHandler(item, ctx) };
      } catch (error) {
        spendDelivery(item, ctx, error, "preparing failed");
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(prepareConcurrency, items.length) }, worker));
  return ready.filter((item) => item !== undefined);
}

import { setTimeout as sleep } from "node:timers/promises";
import type { ActorContext } from "./actors/actor-context.js";
import { restock, returnLines } from "./actors/brand.js";
import { cancelOrder, type OrderKind, placeOrder } from "./actors/customer.js";
import { moveOrder } from "./actors/kitchen.js";
import { fleetCheck } from "./actors/operator.js";
import { ride } from "./actors/rider.js";
import { createRandom, drawWeighted } from "./random.js";

/** How often each kind of action is drawn, relative to the others. */
export const actionWeights = {
  order: 30,
  prepare: 18,
  ready: 18,
  ride: 22,
  cancel: 3,
  returns: 3,
  restock: 5,
  operator: 1,
} as const;

/** Of the orders: within stock, with a promo code, deliberately beyond the stock. */
export const orderWeights: Readonly<Record<OrderKind, number>> = { "in-stock": 80, promo: 10, "over-stock": 10 };

/** How the scheduler runs and when it ends. */
export interface ScheduleOptions {
  readonly ratePerSecond: number;
  /** How long actions keep starting; undefined: until `stop`. */
  readonly durationMs?: number;
  /** Aborted (Ctrl-C, SIGTERM): no action starts any more. */
  readonly stop: AbortSignal;
  /** Most actions at once; a draw beyond that is dropped (counted as behind). */
  readonly maxInFlight: number;
  /** Longest wait, after the end, for the actions in flight. */
  readonly drainMs: number;
}

/** How a run of the scheduler went. */
export interface ScheduleResult {
  readonly elapsedMs: number;
  readonly stoppedBy: "duration" | "signal";
  /** Draws dropped because `maxInFlight` actions were running (Waybill slower than the rate). */
  readonly behind: number;
  /** Actions still running when the drain gave up on them. */
  readonly unfinished: number;
}

/**
 * Draws the next action and runs it with a random source of its own, seeded from the run's: the
 * sequence of actions follows from `--seed` alone, however the calls before it went.
 */
function runAction(run: ActorContext): Promise<void> {
  const kind = drawWeighted(run.random, actionWeights);
  const context: ActorContext = { ...run, random: createRandom(run.random.between(0, 2 ** 31 - 1)) };
  switch (kind) {
    case "order":
      return placeOrder(context, drawWeighted(run.random, orderWeights));
    case "prepare":
    case "ready":
      return moveOrder(context, kind);
    case "ride":
      return ride(context);
    case "cancel":
      return cancelOrder(context);
    case "returns":
      return returnLines(context);
    case "restock":
      return restock(context);
    case "operator":
      return fleetCheck(context);
  }
}

/**
 * Draws an action every 1/rate seconds (whatever the earlier ones are doing, at most
 * `maxInFlight` at once) until the duration is over or `stop` is aborted, then waits up to
 * `drainMs` for those in flight. Actions record their own outcomes in the context's tally.
 */
export async function runSchedule(context: ActorContext, options: ScheduleOptions): Promise<ScheduleResult> {
  const { stop } = options;
  const started = performance.now();
  const endAt = started + (options.durationMs ?? Number.POSITIVE_INFINITY);
  const intervalMs = 1000 / options.ratePerSecond;
  const running = new Set<Promise<void>>();
  let behind = 0;
  for (let index = 0; !stop.aborted; index++) {
    const due = started + index * intervalMs;
    if (due >= endAt) break;
    const wait = Math.min(due, endAt) - performance.now();
    if (wait > 1) await sleep(wait, undefined, { signal: stop }).catch(() => undefined);
    if (stop.aborted) break;
    if (running.size >= options.maxInFlight) {
      behind++;
      continue;
    }
    // Actions record their failures themselves; anything else escaping is a bug worth seeing.
    const action: Promise<void> = runAction(context).finally(() => running.delete(action));
    running.add(action);
  }
  const stoppedBy = stop.aborted ? "signal" : "duration";
  const drained = Promise.all(running).then(() => true);
  const gaveUp = sleep(options.drainMs, false, { ref: false });
  const allDone = await Promise.race([drained, gaveUp]);
  return {
    elapsedMs: performance.now() - started,
    stoppedBy,
    behind,
    unfinished: allDone ? 0 : running.size,
  };
}

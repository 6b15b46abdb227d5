import type { Queryable } from "./bench-database.js";
import type { CheckResult } from "./check-result.js";
import { readConsumerLag } from "./consumer-lag.js";
import type { DrainResult, DrainWatch } from "./drain-watch.js";
import { countEvents, type EventsPerOrder, eventsPerOrder } from "./events-per-order.js";
import { type LagReport, lagReport } from "./lag-stats.js";
import { runChecks } from "./run-checks.js";

/** What happened after a run's last answer: the asynchronous side catching up, and the checks. */
export interface AfterRun {
  readonly drain: DrainResult;
  /** Commit → consumer time of the events produced during the measured run. */
  readonly lag: LagReport;
  /** Events the run's orders caused, per order. */
  readonly events: EventsPerOrder;
  readonly checks: readonly CheckResult[];
}

/** When a run's orders were placed and answered. */
export interface RunWindow {
  /** When the first order (warm-up included) was sent. */
  readonly firstSent: Date;
  /** When the first measured order was sent (its arrival, for an open loop). */
  readonly measuredFrom: Date;
  /** When the last order was answered, as a date and as `performance.now()`. */
  readonly lastAnswer: Date;
  readonly lastAnswerAt: number;
  /** Orders placed in all (warm-up included). */
  readonly placed: number;
}

/** Width of the buckets of the lag-over-time series. */
export const lagBucketMs = 250;

/**
 * Waits for the asynchronous side to catch up after a run (at most `drainTimeoutMs` after its last
 * answer), then reads the lag of the events produced while the measured orders were placed, counts
 * the events per order of everything the run caused up to then, and runs the checks.
 */
export async function afterRun(options: {
  readonly db: Queryable;
  readonly schemas: readonly string[];
  readonly watch: DrainWatch;
  readonly window: RunWindow;
  readonly drainTimeoutMs: number;
  readonly label: string;
}): Promise<AfterRun> {
  const { db, schemas, window } = options;
  const drain = await options.watch.wait(window.lastAnswerAt, options.drainTimeoutMs, `draining ${options.label}`);
  const settled = new Date();
  const samples = await readConsumerLag(db, schemas, window.measuredFrom, window.lastAnswer);
  const lag = lagReport(samples, lagBucketMs, window.lastAnswer.getTime() - window.measuredFrom.getTime());
  const events = eventsPerOrder(await countEvents(db, schemas, window.firstSent, settled), window.placed);
  const checks = await runChecks(db, drain.drained);
  return { drain, lag, events, checks };
}

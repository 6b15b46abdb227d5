import { setTimeout as sleep } from "node:timers/promises";
import { type RunStats, summarize } from "./latency-stats.js";
import { startProgressBar } from "./progress-bar.js";

/** An open-loop load: operations arrive on a schedule, whether or not earlier ones are done. */
export interface ArrivalsOptions {
  /** Shown before the progress bar. */
  readonly label: string;
  /** Operations to run in all. */
  readonly total: number;
  /** Arrivals per second; omitted, all arrive at once (a burst). */
  readonly ratePerSecond?: number;
  /** Workers taking arrived operations in arrival order (1: strictly one after another). */
  readonly concurrency: number;
  /** One operation; `index` runs from 0. A thrown error counts as a failure. */
  readonly operation: (index: number) => Promise<void>;
  /** Show a progress bar (default as {@link startProgressBar} decides). */
  readonly progress?: boolean;
  /**
   * Measure each operation from when a worker starts it instead of from its arrival: a closed
   * loop of `concurrency` workers running back to back (see `runLoad`).
   */
  readonly closedLoop?: boolean;
}

/** When operation `index` arrives, in milliseconds after the first. */
export function arrivalOffsetMs(index: number, ratePerSecond: number | undefined): number {
  return ratePerSecond === undefined ? 0 : (index * 1000) / ratePerSecond;
}

/**
 * Runs an open-loop load and measures each operation from its arrival, not from when a worker
 * got to it, so the time spent waiting behind earlier operations counts, as it does for an
 * event waiting in a consumer's queue. Throughput is over first arrival to last completion.
 *
 * @example
 * const stats = await runArrivals({ label: "raw", total: 1000, ratePerSecond: 100, concurrency: 1, operation: async (i) => { ... } });
 */
export async function runArrivals(options: ArrivalsOptions): Promise<RunStats & { readonly firstError?: string }> {
  const bar = startProgressBar(options.label, options.total, options.progress);
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  let firstError: string | undefined;
  const started = performance.now();
  async function worker(): Promise<void> {
    for (let index = next++; index < options.total; index = next++) {
      // An operation not yet due arrives when the timer fires (timers run late, and the late part
      // is not the operation's); one already due has been waiting since its scheduled time.
      // A closed loop measures each operation from its start.
      let arrival = options.closedLoop ? performance.now() : started + arrivalOffsetMs(index, options.ratePerSecond);
      if (arrival > performance.now()) {
        await sleep(arrival - performance.now());
        arrival = performance.now();
      }
      try {
        await options.operation(index);
        latencies.push(performance.now() - arrival);
      } catch (error) {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      const done = latencies.length + failed;
      if (done % 50 === 0) bar.update(done);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const durationMs = performance.now() - started;
  bar.update(options.total);
  bar.stop();
  return { ...summarize(latencies, failed, durationMs), ...(firstError ? { firstError } : {}) };
}

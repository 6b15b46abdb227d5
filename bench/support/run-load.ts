import type { RunStats } from "./latency-stats.js";
import { runArrivals } from "./run-arrivals.js";

/** A closed-loop load: `concurrency` workers each run `operation` back to back. */
export interface LoadOptions {
  /** Shown before the progress bar. */
  readonly label: string;
  readonly concurrency: number;
  /** Operations to run in all (the run ends when they are done). */
  readonly total: number;
  /** Operations run first and not measured (connection set-up, JIT, caches). */
  readonly warmup?: number;
  /** One operation; `index` is unique over the run. A thrown error counts as a failure. */
  readonly operation: (index: number) => Promise<void>;
  /** Show a progress bar (default: when stderr is a terminal or `BENCH_PROGRESS=1`). */
  readonly progress?: boolean;
}

/**
 * Runs a closed-loop load and measures it. Failures are counted, not thrown: a flash sale is
 * expected to refuse most orders once stock is gone.
 *
 * @example
 * const stats = await runLoad({ label: "raw", concurrency: 16, total: 5000, operation: async (i) => { ... } });
 */
export async function runLoad(options: LoadOptions): Promise<RunStats & { readonly firstError?: string }> {
  const warmup = options.warmup ?? 0;
  for (let i = 0; i < warmup; i += options.concurrency) {
    await Promise.allSettled(
      Array.from({ length: Math.min(options.concurrency, warmup - i) }, (_, j) => options.operation(-(i + j + 1))),
    );
  }
  return runArrivals({ ...options, closedLoop: true });
}

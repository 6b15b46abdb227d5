import { createPeriodicWorker, type Worker } from "../../kit/app/index.js";
import { type PlacementSweepContext, releaseAbandonedPlacements } from "../operations/index.js";

/** A worker that releases the holds of abandoned PlaceOrder attempts; `sweepOnce` is for tests and tools. */
export interface PlacementSweeper extends Worker {
  /** Runs one round now and returns the larger of how many placements it forgot and gave up. */
  sweepOnce(): Promise<number>;
}

/**
 * Every `intervalMs`, gives up the PlaceOrder attempts whose deadline passed more than `graceMs`
 * ago without an order and releases their holds (see `releaseAbandonedPlacements`). Sweepers of
 * several replicas take different placements (`FOR UPDATE SKIP LOCKED`).
 */
export function createPlacementSweeper(
  ctx: PlacementSweepContext,
  options: { readonly intervalMs: number; readonly graceMs: number; readonly batchSize?: number },
): PlacementSweeper {
  const logger = ctx.logger.child({ component: "placement-sweeper" });
  const batchSize = options.batchSize ?? 500;
  const leaseMs = Math.max(10 * options.intervalMs, 5_000);

  async function sweep(isStopping: () => boolean): Promise<number> {
    const { forgotten, released } = await releaseAbandonedPlacements(
      { ...ctx, logger },
      { graceMs: options.graceMs, leaseMs, batchSize, isStopping },
    );
    if (released > 0) logger.info({ released }, "abandoned placements given up");
    // A full batch of either means a backlog: the next round follows at once.
    return Math.max(forgotten, released);
  }

  const worker = createPeriodicWorker({
    intervalMs: options.intervalMs,
    round: sweep,
    backlogAt: batchSize,
    logger,
    what: "releasing the holds of abandoned placements",
  });
  return { ...worker, sweepOnce: () => sweep(() => false) };
}

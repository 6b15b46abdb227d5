import { createPeriodicWorker, type Worker } from "../../kit/app/index.js";
import { type InventoryContext, releaseExpiredHold } from "../operations/index.js";

/** A worker that releases expired holds; `sweepOnce` is exposed for tests and tools. */
export interface ExpirySweeper extends Worker {
  /** Releases every hold due now (up to `batchSize`) and returns how many it released. */
  sweepOnce(): Promise<number>;
}

/** What the sweeper needs of the service's context. */
export type SweeperContext = Pick<InventoryContext, "db" | "outbox" | "now" | "snapshotEvery" | "logger">;

/**
 * Every `intervalMs`, releases HELD reservations past their expiry time, each in its own
 * transaction (see `releaseExpiredHold`). Sweepers of several replicas take different holds and
 * never release one twice; a hold confirmed first is no longer HELD and is never touched.
 */
export function createExpirySweeper(
  ctx: SweeperContext,
  options: { readonly intervalMs: number; readonly batchSize?: number },
): ExpirySweeper {
  const batchSize = options.batchSize ?? 500;
  const logger = ctx.logger.child({ component: "expiry-sweeper" });

  async function sweep(isStopping: () => boolean): Promise<number> {
    let released = 0;
    while (released < batchSize && !isStopping() && (await releaseExpiredHold(ctx))) released++;
    if (released > 0) logger.info({ released }, "expired holds released");
    return released;
  }

  const worker = createPeriodicWorker({
    intervalMs: options.intervalMs,
    round: sweep,
    logger,
    what: "sweeping expired holds",
  });
  return { ...worker, sweepOnce: () => sweep(() => false) };
}

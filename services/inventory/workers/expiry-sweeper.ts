import { createPeriodicWorker, type Worker } from "../../kit/app/index.js";
import { applyMove } from "../operations/change-reservation.js";
import type { InventoryContext } from "../operations/inventory-context.js";
import { releaseOneExpired } from "../storage/reservation-store.js";

/** The sweeper's actor in ledger entries. */
export const sweeperActor = "reservation-sweeper";

/** A worker that releases expired holds; `sweepOnce` is exposed for tests and tools. */
export interface ExpirySweeper extends Worker {
  /** Releases every hold due now (up to `batchSize`) and returns how many it released. */
  sweepOnce(): Promise<number>;
}

/**
 * Every `intervalMs`, releases HELD reservations past their expiry time, each in its own
 * transaction: the claim (`FOR UPDATE SKIP LOCKED`) and the move to RELEASED are one statement,
 * then the held units go back to available with `release` ledger entries and the events. Sweepers
 * of several replicas take different holds and never release one twice; a hold confirmed first is
 * no longer HELD and is never touched.
 */
export function createExpirySweeper(
  ctx: InventoryContext,
  options: { readonly intervalMs: number; readonly batchSize?: number },
): ExpirySweeper {
  const batchSize = options.batchSize ?? 500;
  const logger = ctx.logger.child({ component: "expiry-sweeper" });

  async function releaseNext(): Promise<boolean> {
    return ctx.db.transaction().execute(async (trx) => {
      const reservation = await releaseOneExpired(trx);
      if (!reservation) return false;
      await applyMove(trx, ctx, reservation, { action: "release", actor: sweeperActor, note: "hold expired" });
      return true;
    });
  }

  async function sweep(isStopping: () => boolean): Promise<number> {
    let released = 0;
    while (released < batchSize && !isStopping() && (await releaseNext())) released++;
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

import { createPeriodicWorker, type Worker } from "../../kit/app/index.js";
import type { FleetContext } from "../operations/fleet-context.js";
import { advanceFlight, landDrone } from "../operations/flight-steps.js";
import { dueReturns, dueSteps } from "../storage/index.js";

/** A worker that moves drones along their flights; `tickOnce` is exposed for tests and tools. */
export interface FlightClock extends Worker {
  /** Takes every step due now (up to `batchSize` of each kind) and returns how many it took. */
  tickOnce(): Promise<number>;
}

/**
 * Every `intervalMs`, takes the drone flight steps and landings that are due. Due times live in
 * the database, so a step is never lost with a process: whichever replica is alive takes it, and
 * replicas racing for the same step do it once (see {@link advanceFlight}). A full batch is
 * followed at once by the next, so a backlog after a restart clears without waiting.
 */
export function createFlightClock(
  ctx: FleetContext,
  options: { readonly intervalMs: number; readonly batchSize?: number },
): FlightClock {
  const batchSize = options.batchSize ?? 200;

  async function tick(isStopping: () => boolean): Promise<number> {
    const now = ctx.now();
    let taken = 0;
    for (const step of await dueSteps(ctx.db, now, batchSize)) {
      if (isStopping()) return taken;
      if (await advanceFlight(ctx, step.order_id, step.zone)) taken++;
    }
    for (const drone of await dueReturns(ctx.db, now, batchSize)) {
      if (isStopping()) return taken;
      if (await landDrone(ctx, drone.courier_id, drone.zone)) taken++;
    }
    return taken;
  }

  const worker = createPeriodicWorker({
    intervalMs: options.intervalMs,
    round: tick,
    backlogAt: batchSize,
    logger: ctx.logger.child({ component: "flight-clock" }),
    what: "taking due flight steps",
  });
  return { ...worker, tickOnce: () => tick(() => false) };
}

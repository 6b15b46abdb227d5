import { dueReturns, dueSteps } from "../storage/index.js";
import { advanceFlight } from "./advance-flight.js";
import type { FleetContext } from "./fleet-context.js";
import { landDrone } from "./land-drone.js";

/**
 * Takes the drone flight steps and landings due now, up to `batchSize` of each, oldest first, each
 * in its own transaction (see {@link advanceFlight} and {@link landDrone}). Stops early once
 * `isStopping` says so. Returns how many it took: a step another replica took first is not counted.
 */
export async function takeDueFlightSteps(
  ctx: FleetContext,
  batchSize: number,
  isStopping: () => boolean,
): Promise<number> {
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

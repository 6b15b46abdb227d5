import type { Worker } from "../../kit/app/index.js";
import { advanceFlight, landDrone } from "../operations/flight-steps.js";
import type { FleetContext } from "../operations/fleet-context.js";
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
export function createFlightClock(ctx: FleetContext, options: { readonly intervalMs: number; readonly batchSize?: number }): FlightClock {
  const batchSize = options.batchSize ?? 200;
  const logger = ctx.logger.child({ component: "flight-clock" });
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  async function tickOnce(): Promise<number> {
    const now = ctx.now();
    let taken = 0;
    for (const step of await dueSteps(ctx.db, now, batchSize)) {
      if (!running && loop) break;
      if (await advanceFlight(ctx, step.order_id, step.zone)) taken++;
    }
    for (const drone of await dueReturns(ctx.db, now, batchSize)) {
      if (!running && loop) break;
      if (await landDrone(ctx, drone.courier_id, drone.zone)) taken++;
    }
    return taken;
  }

  async function run(): Promise<void> {
    while (running) {
      let taken = 0;
      try {
        taken = await tickOnce();
      } catch (error) {
        logger.error({ err: error }, "taking due flight steps failed; retrying at the next tick");
      }
      if (!running) break;
      if (taken >= batchSize) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  return {
    tickOnce,
    async start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      loop = undefined;
    },
  };
}

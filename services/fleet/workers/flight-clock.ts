import { createPeriodicWorker, type Worker } from "../../kit/app/index.js";
import { type FleetContext, takeDueFlightSteps } from "../operations/index.js";

/** A worker that moves drones along their flights; `tickOnce` is exposed for tests and tools. */
export interface FlightClock extends Worker {
  /** Takes every step due now (up to `batchSize` of each kind) and returns how many it took. */
  tickOnce(): Promise<number>;
}

/**
 * Every `intervalMs`, takes the drone flight steps and landings that are due. Due times live in
 * the database, so a step is never lost with a process: whichever replica is alive takes it, and
 * replicas racing for the same step do it once (see {@link takeDueFlightSteps}). A full batch is
 * followed at once by the next, so a backlog after a restart clears without waiting.
 */
export function createFlightClock(
  ctx: FleetContext,
  options: { readonly intervalMs: number; readonly batchSize?: number },
): FlightClock {
  const batchSize = options.batchSize ?? 200;
  const worker = createPeriodicWorker({
    intervalMs: options.intervalMs,
    round: (isStopping) => takeDueFlightSteps(ctx, batchSize, isStopping),
    backlogAt: batchSize,
    logger: ctx.logger.child({ component: "flight-clock" }),
    what: "taking due flight steps",
  });
  return { ...worker, tickOnce: () => takeDueFlightSteps(ctx, batchSize, () => false) };
}

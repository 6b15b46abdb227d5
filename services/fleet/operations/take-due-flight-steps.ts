import { inStoredTrace } from "../../kit/telemetry/linked-span.js";
import { dueReturns, dueSteps } from "../storage/index.js";
import { advanceFlight } from "./advance-flight.js";
import type { FleetContext } from "./fleet-context.js";
import { landDrone } from "./land-drone.js";

/**
 * Takes the drone flight steps and landings due now, up to `batchSize` of each, oldest first, each
 * in its own transaction (see {@link advanceFlight} and {@link landDrone}). Stops early once
 * `isStopping` says so. Returns how many it took: a step another replica took first is not counted.
 * Each step runs in a span continuing the trace stored with it (the order's), so the events it
 * publishes join the order's trace; a landing continues the delivery the drone flies back from.
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
    const attributes = { "waybill.order.id": step.order_id, "waybill.fleet.zone": step.zone };
    const took = await inStoredTrace(
      `fleet flight ${step.next_step ?? "step"}`,
      { traceparent: step.trace_parent, attributes },
      async (span) => {
        const done = await advanceFlight(ctx, step.order_id, step.zone);
        span.setAttribute("waybill.fleet.step_taken", done);
        return done;
      },
    );
    if (took) taken++;
  }
  for (const drone of await dueReturns(ctx.db, now, batchSize)) {
    if (isStopping()) return taken;
    const attributes = { "waybill.courier.id": drone.courier_id, "waybill.fleet.zone": drone.zone };
    const landed = await inStoredTrace(
      "fleet drone landing",
      { traceparent: drone.return_trace_parent, attributes },
      async (span) => {
        const done = await landDrone(ctx, drone.courier_id, drone.zone);
        span.setAttribute("waybill.fleet.step_taken", done);
        return done;
      },
    );
    if (landed) taken++;
  }
  return taken;
}

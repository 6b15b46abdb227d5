import { findCourier, lockZone } from "../storage/index.js";
import { changeCourier } from "./change-courier.js";
import type { FleetContext } from "./fleet-context.js";
import { matchZone } from "./match-zone.js";

/** Lands a drone flying back after a delivery, if it is due, and gives it the next order. */
export async function landDrone(ctx: FleetContext, courierId: string, zone: string): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    await lockZone(trx, zone);
    const courier = await findCourier(trx, courierId, { lock: true });
    if (!courier?.return_due_at || courier.return_due_at > ctx.now()) return false;
    await changeCourier(
      trx,
      ctx,
      courier,
      { flight: null, return_due_at: null, return_trace_parent: null },
      "back at base",
    );
    await matchZone(trx, ctx, zone);
    return true;
  });
}

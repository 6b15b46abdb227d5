import { inStoredTrace } from "../../kit/telemetry/linked-span.js";
import { releaseOneExpired } from "../storage/index.js";
import { applyMove } from "./change-reservation.js";
import type { StockContext } from "./inventory-context.js";

/** The expiry sweeper's actor in ledger entries. */
export const sweeperActor = "reservation-sweeper";

/**
 * Releases one HELD reservation past its expiry time in a transaction of its own: the claim
 * (`FOR UPDATE SKIP LOCKED`, so sweepers of several replicas take different holds) and the move to
 * RELEASED are one statement, then the held units go back to available with `release` ledger
 * entries and the events, in a span continuing the trace of the request that held it (PlaceOrder's).
 * Returns false when no hold is due.
 */
export async function releaseExpiredHold(ctx: StockContext): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const reservation = await releaseOneExpired(trx, ctx.now());
    if (!reservation) return false;
    const attributes = { "waybill.order.id": reservation.order_id };
    await inStoredTrace("inventory release expired hold", { traceparent: reservation.trace_parent, attributes }, () =>
      applyMove(trx, ctx, reservation, { action: "release", actor: sweeperActor, note: "hold expired" }),
    );
    return true;
  });
}

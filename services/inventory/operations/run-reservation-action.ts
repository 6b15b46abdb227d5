import type { ReservationRow } from "../storage/index.js";
import { changeReservation, type ReservationChangeRequest } from "./change-reservation.js";
import type { InventoryContext } from "./inventory-context.js";

/**
 * ConfirmReservation, ReleaseReservation and CommitReservation: moves an order's reservation in a
 * transaction of its own, strictly (an unknown order is NOT_FOUND, a contradicting status
 * FAILED_PRECONDITION), and returns it. Repeating a move changes nothing and returns it again.
 */
export async function runReservationAction(
  ctx: InventoryContext,
  request: Omit<ReservationChangeRequest, "mode">,
): Promise<ReservationRow> {
  const result = await ctx.db
    .transaction()
    .execute((trx) => changeReservation(trx, ctx, { ...request, mode: "strict" }));
  // Strict mode answers with the reservation or throws; this guards the type, not a real case.
  if (!result.reservation) throw new Error(`reservation of order ${request.orderId} missing after a strict change`);
  return result.reservation;
}

import type { Kysely } from "kysely";
import { deliveryAbortedReturnKey } from "../domain/index.js";
import { claimReturnKeys, findReservation, type InventoryDatabase } from "../storage/index.js";
import { changeReservation } from "./change-reservation.js";
import type { StockContext } from "./inventory-context.js";
import { putBackOnHand } from "./put-back-on-hand.js";

/** What happened to the goods of an aborted delivery. */
export type AbortedDeliveryOutcome = "returned" | "released" | "already-returned" | "nothing-held";

/**
 * The goods of a recalled delivery are back: once per order (claimed in `stock_returns`), the
 * reservation's committed lines go back on hand with `return` entries. Should the dispatch not
 * have been processed yet (events out of order), the hold is released instead, so the units are
 * available again either way and the late dispatch then finds nothing to commit.
 */
export async function returnAbortedDelivery(
  trx: Kysely<InventoryDatabase>,
  ctx: StockContext,
  request: { readonly orderId: string; readonly actor: string; readonly note: string },
): Promise<AbortedDeliveryOutcome> {
  const fresh = await claimReturnKeys(trx, request.orderId, [deliveryAbortedReturnKey]);
  if (fresh.size === 0) return "already-returned";
  const released = await changeReservation(trx, ctx, {
    orderId: request.orderId,
    action: "release",
    actor: request.actor,
    note: request.note,
    mode: "lenient",
  });
  if (released.changed) return "released";
  const reservation = await findReservation(trx, request.orderId);
  if (reservation?.status !== "committed") return "nothing-held";
  await putBackOnHand(trx, ctx, {
    orderId: reservation.order_id,
    brandId: reservation.brand_id,
    lines: reservation.lines,
    actor: request.actor,
    note: request.note,
    idempotencyKey: deliveryAbortedReturnKey,
  });
  return "returned";
}

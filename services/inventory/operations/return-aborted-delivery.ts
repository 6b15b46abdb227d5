import type { Kysely } from "kysely";
import { deliveryAbortedReturnKey, type ReturnExcess } from "../domain/index.js";
import { claimReturnKeys, type InventoryDatabase, lockOrderReturns } from "../storage/index.js";
import { changeReservation } from "./change-reservation.js";
import type { StockContext } from "./inventory-context.js";
import { returnWithinCommitted } from "./return-within-committed.js";

/** What happened to the goods of an aborted delivery (`excess`: SKUs that had come back before). */
export type AbortedDeliveryOutcome =
  | { readonly kind: "returned"; readonly units: number; readonly excess: readonly ReturnExcess[] }
  | { readonly kind: "released" | "already-returned" | "nothing-held" };

/**
 * The goods of a recalled delivery are back: once per order (claimed in `stock_returns`), under
 * the reservation's lock (`lockOrderReturns`), the reservation's committed lines go back on hand
 * with `return` entries, less whatever came back of them before by ReturnStock or a returned line
 * (the limit every return path shares, {@link returnWithinCommitted}). Should the dispatch not have
 * been processed yet (events out of order), the hold is released instead, so the units are
 * available again either way and the late dispatch then finds nothing to commit.
 */
export async function returnAbortedDelivery(
  trx: Kysely<InventoryDatabase>,
  ctx: StockContext,
  request: { readonly orderId: string; readonly actor: string; readonly note: string },
): Promise<AbortedDeliveryOutcome> {
  const order = await lockOrderReturns(trx, request.orderId);
  if (!order) return { kind: "nothing-held" };
  const { reservation } = order;
  const fresh = await claimReturnKeys(trx, reservation.order_id, [deliveryAbortedReturnKey]);
  if (fresh.size === 0) return { kind: "already-returned" };
  if (reservation.status === "held" || reservation.status === "confirmed") {
    await changeReservation(trx, ctx, {
      orderId: reservation.order_id,
      action: "release",
      actor: request.actor,
      note: request.note,
      mode: "lenient",
    });
    return { kind: "released" };
  }
  const outcome = await returnWithinCommitted(trx, ctx, order, {
    lines: reservation.lines,
    beyondCommitted: "cap",
    actor: request.actor,
    note: request.note,
    idempotencyKey: deliveryAbortedReturnKey,
  });
  if (outcome.kind !== "returned") return { kind: "nothing-held" };
  const units = outcome.applied.reduce((sum, change) => sum + Number(change.entry.deltaOnHand), 0);
  return { kind: "returned", units, excess: outcome.excess };
}

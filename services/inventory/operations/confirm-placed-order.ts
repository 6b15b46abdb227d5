import type { Kysely } from "kysely";
import { findReservation, type InventoryDatabase } from "../storage/index.js";
import { changeReservation } from "./change-reservation.js";
import type { InventoryContext } from "./inventory-context.js";

/**
 * Confirms the hold of an order that Orders has recorded (from OrderPlaced), leniently: a hold
 * confirmed already, or released by the order's cancellation, is left as it is. A hold that was
 * released although nothing cancelled the order means this consumer fell further behind than a
 * hold's lifetime (`RESERVATION_TTL_MS`) and the sweeper gave the stock back: logged as an error,
 * since the order now holds no stock.
 */
export async function confirmPlacedOrder(
  trx: Kysely<InventoryDatabase>,
  ctx: InventoryContext,
  placed: { readonly orderId: string; readonly actor: string; readonly eventId: string },
): Promise<void> {
  const confirmed = await changeReservation(trx, ctx, {
    orderId: placed.orderId,
    action: "confirm",
    actor: placed.actor,
    mode: "lenient",
  });
  if (confirmed.changed || (await findReservation(trx, placed.orderId))?.status !== "released") return;
  ctx.logger.error(
    { orderId: placed.orderId, eventId: placed.eventId },
    "an order was placed but its stock hold was released before Inventory confirmed it: the order holds no stock",
  );
}

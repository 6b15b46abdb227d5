import { Code, ConnectError } from "@connectrpc/connect";
import { ReservationStatus } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { isFinalStatus } from "../domain/index.js";
import { findOrder, forgetAnswer } from "../storage/index.js";
import { type OrdersContext, systemActor } from "./orders-context.js";
import { recordTransitions } from "./record-transitions.js";

/** Codes with which Inventory refuses to confirm a hold that is gone. */
const holdGone = new Set([Code.FailedPrecondition, Code.Aborted, Code.NotFound]);

/**
 * Confirms the recorded order's hold at Inventory so it no longer expires. When the hold had
 * already expired (the order took longer than the hold's time to live), the order cannot keep
 * its stock: it is cancelled (OrderCancelled, so every consumer sees it go) and the key's answer
 * is forgotten, and `false` tells the caller to answer ABORTED. Any other failure is only logged:
 * Inventory also confirms the hold when it consumes OrderPlaced.
 */
export async function confirmHold(
  ctx: OrdersContext,
  orderId: string,
  key: { readonly scope: string; readonly key: string },
): Promise<boolean> {
  try {
    const confirmed = await ctx.inventory.confirmReservation({ orderId });
    if (confirmed.reservation?.status !== ReservationStatus.RELEASED) return true;
  } catch (error) {
    const code = ConnectError.from(error).code;
    if (!holdGone.has(code)) {
      ctx.logger.warn(
        { err: error, orderId },
        "confirming the stock hold failed; Inventory confirms it from OrderPlaced",
      );
      return true;
    }
  }
  await ctx.db.transaction().execute(async (trx) => {
    const order = await findOrder(trx, orderId, { lock: true });
    if (order && !isFinalStatus(order.status) && order.status !== "delivered") {
      const reason = "the stock hold expired before the order was confirmed";
      await recordTransitions(trx, ctx, order, [{ to: "cancelled", reason }], "cancel", systemActor, {
        cancelReason: reason,
      });
    }
    await forgetAnswer(trx, key.scope, key.key);
  });
  return false;
}

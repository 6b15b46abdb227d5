import { create } from "@bufbuild/protobuf";
import {
  type ReturnStockRequest,
  ReturnStockRequestSchema,
  type ReturnStockResponse,
  ReturnStockResponseSchema,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Kysely } from "kysely";
import { DomainError, failedPrecondition, notFound } from "../../kit/errors/index.js";
import { idempotentTransaction } from "../../kit/idempotency/index.js";
import { checkReturnAllowance, returnRefusalMessage, type StockQuantity, sumStockLines } from "../domain/index.js";
import { type InventoryDatabase, lockReservation, sumReturnedUnits } from "../storage/index.js";
import type { InventoryContext } from "./inventory-context.js";
import { putBackOnHand } from "./put-back-on-hand.js";

/**
 * ReturnStock: puts an order's returned goods back on hand (see {@link putBackOnHand}) once per
 * idempotency key of the brand; a retry replays the first answer. Only goods the brand's order
 * consumed can come back (see {@link assertReturnable}).
 */
export async function returnStock(
  ctx: InventoryContext,
  request: ReturnStockRequest,
  actor: string,
): Promise<ReturnStockResponse> {
  const scope = `ReturnStock/${request.brandId}`;
  const lines = sumStockLines(request.lines.map((line) => ({ sku: line.sku, quantity: Number(line.quantity) })));
  return idempotentTransaction(
    ctx.db,
    { scope, key: request.idempotencyKey, requestSchema: ReturnStockRequestSchema, request },
    ReturnStockResponseSchema,
    async (trx) => {
      await assertReturnable(trx, request.brandId, request.orderId, lines);
      const applied = await putBackOnHand(trx, ctx, {
        orderId: request.orderId,
        brandId: request.brandId,
        lines,
        actor,
        idempotencyKey: request.idempotencyKey,
      });
      return create(ReturnStockResponseSchema, { stock: applied.map((change) => change.stock) });
    },
  );
}

/**
 * Refuses a return unless the order has a COMMITTED reservation of the brand holding every SKU,
 * with enough units not yet returned. The reservation row stays locked until the transaction
 * ends (before any level: the lock order of status moves), so concurrent returns of one order
 * count each other's units. Another brand's order answers exactly like an unknown one.
 */
async function assertReturnable(
  trx: Kysely<InventoryDatabase>,
  brandId: string,
  orderId: string,
  lines: readonly StockQuantity[],
): Promise<void> {
  const reservation = await lockReservation(trx, orderId);
  if (!reservation || reservation.brand_id !== brandId) {
    throw notFound(`brand ${brandId} has no reservation for order ${orderId}`);
  }
  const returned = await sumReturnedUnits(
    trx,
    brandId,
    orderId,
    lines.map((line) => line.sku),
  );
  const refusal = checkReturnAllowance({
    status: reservation.status,
    committed: reservation.lines,
    returned,
    requested: lines,
  });
  if (!refusal) return;
  // A held or confirmed order may still be dispatched: ABORTED is not stored under the key, so a
  // retry after the commit is judged again. A released one, or a line refused, is final.
  if (refusal.kind === "not-committed" && refusal.status !== "released")
    throw new DomainError("aborted", returnRefusalMessage(orderId, refusal));
  throw failedPrecondition(returnRefusalMessage(orderId, refusal));
}

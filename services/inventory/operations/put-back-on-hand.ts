import type { Kysely } from "kysely";
import { notFound } from "../../kit/errors/index.js";
import { type StockQuantity, sumStockLines } from "../domain/index.js";
import type { InventoryDatabase } from "../storage/index.js";
import { type AppliedStockChange, applyStockChanges } from "./apply-stock-changes.js";
import type { StockContext } from "./inventory-context.js";

/** Goods of an order coming back on hand. */
export interface ReturnRequest {
  readonly orderId: string;
  readonly brandId: string;
  readonly lines: readonly StockQuantity[];
  readonly actor: string;
  /** Kept in the ledger entries' reference beside the order id. */
  readonly note?: string;
  readonly idempotencyKey: string;
}

/**
 * Puts goods back on hand inside the caller's transaction: per SKU (summed, in lock order) one
 * level update and a `return` ledger entry referencing the order, with their events. An unknown
 * SKU is NOT_FOUND. Idempotency is the caller's (an RPC key, or a claimed return key).
 */
export async function putBackOnHand(
  trx: Kysely<InventoryDatabase>,
  ctx: StockContext,
  request: ReturnRequest,
): Promise<readonly AppliedStockChange[]> {
  const reference = request.note ? `${request.orderId} (${request.note})` : request.orderId;
  return applyStockChanges(
    trx,
    ctx,
    sumStockLines(request.lines).map((line) => ({
      brandId: request.brandId,
      sku: line.sku,
      deltaOnHand: line.quantity,
      deltaReserved: 0,
      reason: "return",
      reference,
      actor: request.actor,
      idempotencyKey: request.idempotencyKey,
    })),
    async (refused) => {
      throw notFound(`brand ${refused.brandId} has no item ${refused.sku}`);
    },
  );
}

import { create } from "@bufbuild/protobuf";
import {
  type ReturnStockRequest,
  ReturnStockRequestSchema,
  type ReturnStockResponse,
  ReturnStockResponseSchema,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { DomainError, failedPrecondition, notFound } from "../../kit/errors/index.js";
import { idempotentTransaction } from "../../kit/idempotency/index.js";
import { returnRefusalMessage } from "../domain/index.js";
import { lockOrderReturns } from "../storage/index.js";
import type { InventoryContext } from "./inventory-context.js";
import { returnWithinCommitted } from "./return-within-committed.js";

/**
 * ReturnStock: puts an order's returned goods back on hand once per idempotency key of the brand;
 * a retry replays the first answer. Only goods the brand's order consumed can come back, all of
 * the request or nothing ({@link returnWithinCommitted}, the limit every return path shares):
 * another brand's order answers exactly like an unknown one (NOT_FOUND); an order not dispatched
 * yet is ABORTED (not stored under the key, so a retry after the commit is judged again); a
 * released order, a SKU not in it, or more than it has left is FAILED_PRECONDITION.
 */
export async function returnStock(
  ctx: InventoryContext,
  request: ReturnStockRequest,
  actor: string,
): Promise<ReturnStockResponse> {
  const scope = `ReturnStock/${request.brandId}`;
  const lines = request.lines.map((line) => ({ sku: line.sku, quantity: Number(line.quantity) }));
  return idempotentTransaction(
    ctx.db,
    { scope, key: request.idempotencyKey, requestSchema: ReturnStockRequestSchema, request },
    ReturnStockResponseSchema,
    async (trx) => {
      const order = await lockOrderReturns(trx, request.orderId);
      if (!order || order.reservation.brand_id !== request.brandId) {
        throw notFound(`brand ${request.brandId} has no reservation for order ${request.orderId}`);
      }
      const outcome = await returnWithinCommitted(trx, ctx, order, {
        lines,
        beyondCommitted: "refuse",
        actor,
        idempotencyKey: request.idempotencyKey,
      });
      if (outcome.kind === "returned") {
        return create(ReturnStockResponseSchema, { stock: outcome.applied.map((change) => change.stock) });
      }
      const refusal = outcome.kind === "refused" ? outcome.refusal : outcome;
      // A held or confirmed order may still be dispatched: ABORTED is not stored under the key, so a
      // retry after the commit is judged again. A released one, or a line refused, is final.
      if (refusal.kind === "not-committed" && refusal.status !== "released")
        throw new DomainError("aborted", returnRefusalMessage(request.orderId, refusal));
      throw failedPrecondition(returnRefusalMessage(request.orderId, refusal));
    },
  );
}

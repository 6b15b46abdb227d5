import { create } from "@bufbuild/protobuf";
import {
  type ReturnStockRequest,
  ReturnStockRequestSchema,
  type ReturnStockResponse,
  ReturnStockResponseSchema,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { idempotentTransaction } from "../../kit/idempotency/index.js";
import type { InventoryContext } from "./inventory-context.js";
import { putBackOnHand } from "./put-back-on-hand.js";

/**
 * ReturnStock: puts an order's returned goods back on hand (see {@link putBackOnHand}) once per
 * idempotency key of the brand; a retry replays the first answer.
 */
export async function returnStock(
  ctx: InventoryContext,
  request: ReturnStockRequest,
  actor: string,
): Promise<ReturnStockResponse> {
  const scope = `ReturnStock/${request.brandId}`;
  return idempotentTransaction(
    ctx.db,
    { scope, key: request.idempotencyKey, requestSchema: ReturnStockRequestSchema, request },
    ReturnStockResponseSchema,
    async (trx) => {
      const applied = await putBackOnHand(trx, ctx, {
        orderId: request.orderId,
        brandId: request.brandId,
        lines: request.lines.map((line) => ({ sku: line.sku, quantity: Number(line.quantity) })),
        actor,
        idempotencyKey: request.idempotencyKey,
      });
      return create(ReturnStockResponseSchema, { stock: applied.map((change) => change.stock) });
    },
  );
}

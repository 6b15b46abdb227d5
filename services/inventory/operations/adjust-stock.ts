import { create } from "@bufbuild/protobuf";
import {
  type AdjustStockRequest,
  AdjustStockRequestSchema,
  type AdjustStockResponse,
  AdjustStockResponseSchema,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Kysely } from "kysely";
import { DomainError, failedPrecondition } from "../../kit/errors/index.js";
import { runIdempotent, withStoredRefusals } from "../../kit/idempotency/index.js";
import type { InventoryDatabase } from "../storage/index.js";
import { ledgerReasonName, stockShortageDetail } from "../wire/index.js";
import { applyStockChanges, type StockChange } from "./apply-stock-changes.js";
import type { InventoryContext } from "./inventory-context.js";
import { requireItem } from "./require-item.js";

/**
 * AdjustStock: a restock or a correction of an item's on-hand units, with its ledger entry and
 * events, once per idempotency key of the brand (a retry replays the first answer). A change that
 * would take available stock below zero is FAILED_PRECONDITION with a `StockShortage` detail,
 * stored under the key like an answer (a retry gets the same refusal).
 */
export async function adjustStock(
  ctx: InventoryContext,
  request: AdjustStockRequest,
  actor: string,
): Promise<AdjustStockResponse> {
  const reason = ledgerReasonName(request.reason);
  if (!reason) throw new DomainError("invalid_argument", "reason must be RESTOCK or ADJUSTMENT");
  const change: StockChange = {
    brandId: request.brandId,
    sku: request.sku,
    deltaOnHand: Number(request.delta),
    deltaReserved: 0,
    reason,
    reference: request.reference,
    actor,
    idempotencyKey: request.idempotencyKey,
  };
  const idempotent = {
    scope: `AdjustStock/${request.brandId}`,
    key: request.idempotencyKey,
    requestSchema: AdjustStockRequestSchema,
    request,
  };
  return withStoredRefusals(ctx.db, idempotent, AdjustStockResponseSchema, () =>
    ctx.db.transaction().execute((trx) =>
      runIdempotent(trx, idempotent, AdjustStockResponseSchema, async () => {
        const [applied] = await applyStockChanges(trx, ctx, [change], () => refuseBelowZero(trx, change));
        return create(AdjustStockResponseSchema, { stock: applied?.stock, entry: applied?.entry });
      }),
    ),
  );
}

/** The refusal of a change the item's available stock cannot cover (NOT_FOUND for an unknown item). */
async function refuseBelowZero(trx: Kysely<InventoryDatabase>, change: StockChange): Promise<never> {
  const item = await requireItem(trx, change.brandId, change.sku);
  const available = item.on_hand - item.reserved;
  throw failedPrecondition(
    `adjusting ${change.sku} by ${change.deltaOnHand} would take available stock below zero (available ${available})`,
    [stockShortageDetail([{ sku: change.sku, requested: -change.deltaOnHand, available }])],
  );
}

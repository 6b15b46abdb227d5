import { create } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  AdjustStockRequestSchema,
  AdjustStockResponseSchema,
  GetStockHistoryResponseSchema,
  GetStockResponseSchema,
  type InventoryService,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { assertBrandAccess, requirePrincipal } from "../../kit/auth/index.js";
import { DomainError, failedPrecondition } from "../../kit/errors/index.js";
import { runIdempotent } from "../../kit/idempotency/index.js";
import { decodeCursor, encodeCursor, pageSize } from "../../kit/pagination/index.js";
import { applyStockChanges } from "../operations/apply-stock-changes.js";
import type { InventoryContext } from "../operations/inventory-context.js";
import { rebuildStock } from "../operations/rebuild-stock.js";
import { stockAsOf } from "../operations/stock-as-of.js";
import { pageLedger } from "../storage/ledger-store.js";
import { reasonName, toLedgerEntry, toStockLevel } from "./messages.js";
import { requireItem } from "./require-item.js";

/** AdjustStock, GetStock, GetStockHistory and RebuildStock. */
export function createStockHandlers(
  ctx: InventoryContext,
): Pick<ServiceImpl<typeof InventoryService>, "adjustStock" | "getStock" | "getStockHistory" | "rebuildStock"> {
  const { db } = ctx;
  return {
    async adjustStock(request, context) {
      const principal = requirePrincipal(context);
      assertBrandAccess(principal, request.brandId);
      const scope = `AdjustStock/${request.brandId}`;
      return db.transaction().execute((trx) =>
        runIdempotent(
          trx,
          { scope, key: request.idempotencyKey, requestSchema: AdjustStockRequestSchema, request },
          AdjustStockResponseSchema,
          async () => {
            const change = {
              brandId: request.brandId,
              sku: request.sku,
              deltaOnHand: Number(request.delta),
              deltaReserved: 0,
              reason: reasonName(request.reason),
              reference: request.reference,
              actor: principal.subject,
              idempotencyKey: request.idempotencyKey,
            };
            const [applied] = await applyStockChanges(trx, ctx, [change], async () => {
              const item = await requireItem(trx, request.brandId, request.sku);
              const available = item.on_hand - item.reserved;
              throw failedPrecondition(
                `adjusting ${request.sku} by ${request.delta} would take available stock below zero (available ${available})`,
              );
            });
            return create(AdjustStockResponseSchema, { stock: applied?.stock, entry: applied?.entry });
          },
        ),
      );
    },

    async getStock(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      const item = await requireItem(db, request.brandId, request.sku);
      if (!request.asOfTime) return create(GetStockResponseSchema, { stock: toStockLevel(item) });
      return create(GetStockResponseSchema, {
        stock: await stockAsOf(db, request.brandId, request.sku, timestampDate(request.asOfTime)),
      });
    },

    async getStockHistory(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      await requireItem(db, request.brandId, request.sku);
      const scope = JSON.stringify(["ledger", request.brandId, request.sku]);
      const after = decodeCursor(request.page?.pageToken ?? "", ["sequence"], scope);
      const afterSequence = after ? Number(after.sequence) : 0;
      if (!Number.isSafeInteger(afterSequence))
        throw new DomainError("invalid_argument", "page.page_token is not a token this list returned");
      const limit = pageSize(request.page?.pageSize);
      const rows = await pageLedger(db, request.brandId, request.sku, afterSequence, limit);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return create(GetStockHistoryResponseSchema, {
        entries: page.map(toLedgerEntry),
        page: { nextPageToken: rows.length > limit && last ? encodeCursor({ sequence: last.sequence }, scope) : "" },
      });
    },

    async rebuildStock(request) {
      return rebuildStock(db, { brandId: request.brandId || undefined, repair: request.repair });
    },
  };
}

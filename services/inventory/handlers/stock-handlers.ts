import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  GetStockHistoryResponseSchema,
  GetStockResponseSchema,
  type InventoryService,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { assertBrandAccess, requirePrincipal } from "../../kit/auth/index.js";
import { optionalDate } from "../../kit/wire/index.js";
import { adjustStock, getStock, type InventoryContext, rebuildStock, stockHistory } from "../operations/index.js";
import { toLedgerEntry } from "../wire/index.js";

/** AdjustStock, GetStock, GetStockHistory and RebuildStock. */
export function createStockHandlers(
  ctx: InventoryContext,
): Pick<ServiceImpl<typeof InventoryService>, "adjustStock" | "getStock" | "getStockHistory" | "rebuildStock"> {
  return {
    async adjustStock(request, context) {
      const principal = requirePrincipal(context);
      assertBrandAccess(principal, request.brandId);
      return adjustStock(ctx, request, principal.subject);
    },

    async getStock(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      const stock = await getStock(ctx, {
        brandId: request.brandId,
        sku: request.sku,
        asOf: optionalDate(request.asOfTime),
      });
      return create(GetStockResponseSchema, { stock });
    },

    async getStockHistory(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      const page = await stockHistory(ctx, { brandId: request.brandId, sku: request.sku, page: request.page });
      return create(GetStockHistoryResponseSchema, {
        entries: page.rows.map(toLedgerEntry),
        page: { nextPageToken: page.nextPageToken },
      });
    },

    async rebuildStock(request) {
      return rebuildStock(ctx, { brandId: request.brandId || undefined, repair: request.repair });
    },
  };
}

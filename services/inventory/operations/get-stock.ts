import type { StockLevel } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { toStockLevel } from "../wire/index.js";
import type { InventoryContext } from "./inventory-context.js";
import { requireItem } from "./require-item.js";
import { stockAsOf } from "./stock-as-of.js";

/**
 * GetStock: an item's level now (as of its last ledger entry), or as it was at `asOf` (see
 * {@link stockAsOf}). NOT_FOUND when the brand has no such SKU.
 */
export async function getStock(
  ctx: InventoryContext,
  request: { readonly brandId: string; readonly sku: string; readonly asOf: Date | undefined },
): Promise<StockLevel> {
  const item = await requireItem(ctx.db, request.brandId, request.sku);
  if (!request.asOf) return toStockLevel(item, item.stock_time);
  return stockAsOf(ctx.db, request.brandId, request.sku, request.asOf);
}

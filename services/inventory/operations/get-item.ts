import type { ItemWithStock } from "../storage/index.js";
import type { InventoryContext } from "./inventory-context.js";
import { requireItem } from "./require-item.js";

/** GetItem: an item with its current level; NOT_FOUND when the brand has no such SKU. */
export async function getItem(
  ctx: InventoryContext,
  request: { readonly brandId: string; readonly sku: string },
): Promise<ItemWithStock> {
  return requireItem(ctx.db, request.brandId, request.sku);
}

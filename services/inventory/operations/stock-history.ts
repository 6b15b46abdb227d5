import { cursorFields, type Page, readPage, sortCursor } from "../../kit/pagination/index.js";
import { type LedgerRow, pageLedger } from "../storage/index.js";
import type { InventoryContext } from "./inventory-context.js";
import { requireItem } from "./require-item.js";

/** A GetStockHistory query: an item and a page of its ledger. */
export interface StockHistoryRequest {
  readonly brandId: string;
  readonly sku: string;
  readonly page: { readonly pageSize?: number; readonly pageToken?: string } | undefined;
}

/**
 * GetStockHistory: one page of an item's ledger, oldest first, after the sequence in the page
 * token (bound to the item: another item's token is INVALID_ARGUMENT). NOT_FOUND for an unknown item.
 */
export async function stockHistory(ctx: InventoryContext, request: StockHistoryRequest): Promise<Page<LedgerRow>> {
  const { brandId, sku } = request;
  await requireItem(ctx.db, brandId, sku);
  const cursor = sortCursor({ sequence: cursorFields.integer }, JSON.stringify(["ledger", brandId, sku]));
  const after = cursor.decode(request.page?.pageToken);
  return readPage(
    request.page,
    (limit) => pageLedger(ctx.db, brandId, sku, after?.sequence ?? 0, limit),
    (last) => cursor.encode({ sequence: last.sequence }),
  );
}

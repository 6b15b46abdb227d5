import { cursorFields, type Page, readPage, sortCursor } from "../../kit/pagination/index.js";
import { type ItemListFilter, type ItemSort, itemListScope } from "../domain/index.js";
import { type ItemCursor, type ItemWithStock, listItems as readItems } from "../storage/index.js";
import type { InventoryContext } from "./inventory-context.js";

/** A ListItems query: filters (an empty brand lists every brand), sort and page. */
export interface ItemListRequest extends ItemListFilter {
  readonly sort: ItemSort;
  readonly page: { readonly pageSize?: number; readonly pageToken?: string } | undefined;
}

/**
 * ListItems: one keyset page of items with their levels, in the requested order. The page token
 * carries the last row's sort values, typed by the sort key, and is bound to the filters and sort:
 * with another query it is INVALID_ARGUMENT.
 */
export async function listItems(ctx: InventoryContext, request: ItemListRequest): Promise<Page<ItemWithStock>> {
  const cursor = itemCursor(request.sort, itemListScope(request, request.sort));
  const after = cursor.decode(request.page?.pageToken);
  return readPage(
    request.page,
    (limit) =>
      readItems(ctx.db, {
        ...(request.brandId ? { brandId: request.brandId } : {}),
        query: request.query,
        lowStockOnly: request.lowStockOnly,
        sort: request.sort,
        ...(after ? { after } : {}),
        limit,
      }),
    cursor.encode,
  );
}

/** Reads and writes the page tokens of a list sorted by `sort`. */
interface ItemPageCursor {
  decode(token: string | undefined): ItemCursor | undefined;
  encode(last: ItemWithStock): string;
}

const keyFields = { brandId: cursorFields.text, sku: cursorFields.text };

/** The cursor of a sort: the brand and SKU, after the sort value typed as its column is (text, integer, time). */
function itemCursor(sort: ItemSort, scope: string): ItemPageCursor {
  const key = (row: ItemWithStock) => ({ brandId: row.brand_id, sku: row.sku });
  switch (sort.key) {
    case "brand_sku":
    case "sku": {
      const cursor = sortCursor(keyFields, scope);
      return { decode: cursor.decode, encode: (row) => cursor.encode(key(row)) };
    }
    case "name": {
      const cursor = sortCursor({ value: cursorFields.text, ...keyFields }, scope);
      return { decode: cursor.decode, encode: (row) => cursor.encode({ value: row.name, ...key(row) }) };
    }
    case "available": {
      const cursor = sortCursor({ value: cursorFields.integer, ...keyFields }, scope);
      return {
        decode: cursor.decode,
        encode: (row) => cursor.encode({ value: row.on_hand - row.reserved, ...key(row) }),
      };
    }
    case "created": {
      const cursor = sortCursor({ value: cursorFields.time, ...keyFields }, scope);
      return { decode: cursor.decode, encode: (row) => cursor.encode({ value: row.created_at, ...key(row) }) };
    }
  }
}

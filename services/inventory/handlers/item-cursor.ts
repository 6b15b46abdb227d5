import { DomainError } from "../../kit/errors/index.js";
import { decodeCursor, encodeCursor } from "../../kit/pagination/index.js";
import type { ItemSort } from "../domain/item-sort.js";
import type { ItemCursor, ItemWithStock } from "../storage/items-store.js";

/** The page token resuming after `row` in a list sorted by `sort`, bound to `scope`. */
export function encodeItemCursor(row: ItemWithStock, sort: ItemSort, scope: string): string {
  const key = { brandId: row.brand_id, sku: row.sku };
  switch (sort.key) {
    case "brand_sku":
    case "sku":
      return encodeCursor(key, scope);
    case "name":
      return encodeCursor({ ...key, value: row.name }, scope);
    case "available":
      return encodeCursor({ ...key, value: row.on_hand - row.reserved }, scope);
    case "created":
      return encodeCursor({ ...key, value: row.created_at.toISOString() }, scope);
  }
}

/**
 * Reads a page token of an item list sorted by `sort` (`undefined` for the first page). A token
 * of another query, or one whose sort value does not parse, is INVALID_ARGUMENT.
 */
export function decodeItemCursor(token: string, sort: ItemSort, scope: string): ItemCursor | undefined {
  if (sort.key === "brand_sku" || sort.key === "sku") return decodeCursor(token, ["brandId", "sku"], scope);
  const decoded = decodeCursor(token, ["value", "brandId", "sku"], scope);
  if (!decoded) return undefined;
  const value =
    sort.key === "name" ? decoded.value : sort.key === "available" ? Number(decoded.value) : new Date(decoded.value);
  if (
    (typeof value === "number" && !Number.isSafeInteger(value)) ||
    (value instanceof Date && Number.isNaN(value.getTime()))
  ) {
    throw new DomainError("invalid_argument", "page.page_token is not a token this list returned");
  }
  return { value, brandId: decoded.brandId, sku: decoded.sku };
}

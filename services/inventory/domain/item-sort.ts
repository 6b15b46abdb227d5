/** What a list of items can be sorted by; every order ends with brand and SKU to be total. */
export type ItemSortKey = "brand_sku" | "sku" | "name" | "available" | "created";

/** A sort of an item list. */
export interface ItemSort {
  readonly key: ItemSortKey;
  readonly descending: boolean;
}

/** Filters of an item list, as they bind a page token. */
export interface ItemListFilter {
  readonly brandId: string | undefined;
  readonly query: string;
  readonly lowStockOnly: boolean;
}

/**
 * The text a page token of an item list is bound to: the same filters and sort give the same
 * scope, so a token is refused for any other query instead of returning a wrong page.
 *
 * @example
 * itemListScope({ brandId: "acme", query: "", lowStockOnly: false }, { key: "name", descending: true })
 */
export function itemListScope(filter: ItemListFilter, sort: ItemSort): string {
  return JSON.stringify(["items", filter.brandId ?? "*", filter.query, filter.lowStockOnly, sort.key, sort.descending]);
}

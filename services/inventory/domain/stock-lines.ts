/** A quantity of one SKU, as requested or held. */
export interface StockQuantity {
  readonly sku: string;
  readonly quantity: number;
}

/**
 * Sums the lines of a request per SKU and sorts them by SKU. Every multi-SKU change touches its
 * rows in this order, so two concurrent orders always lock shared SKUs in the same order and can
 * never deadlock.
 *
 * @example
 * sumStockLines([{ sku: "B", quantity: 1 }, { sku: "A", quantity: 2 }, { sku: "B", quantity: 3 }])
 * // => [{ sku: "A", quantity: 2 }, { sku: "B", quantity: 4 }]
 */
export function sumStockLines(lines: readonly StockQuantity[]): StockQuantity[] {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.sku, (totals.get(line.sku) ?? 0) + line.quantity);
  return [...totals].map(([sku, quantity]) => ({ sku, quantity })).sort((a, b) => compareSkus(a.sku, b.sku));
}

/** Orders SKUs by code unit, the same order as PostgreSQL's `C` collation and the lock order. */
export function compareSkus(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

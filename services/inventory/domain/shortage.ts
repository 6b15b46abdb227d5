import type { StockQuantity } from "./stock-lines.js";

/** A SKU with less available stock than requested. */
export interface Shortage {
  readonly sku: string;
  readonly requested: number;
  readonly available: number;
}

/**
 * Every requested SKU whose available quantity is below the request, in request order. A SKU
 * missing from `available` counts as zero available.
 *
 * @example
 * findShortages([{ sku: "A", quantity: 3 }], new Map([["A", 1]])) // => [{ sku: "A", requested: 3, available: 1 }]
 */
export function findShortages(requested: readonly StockQuantity[], available: ReadonlyMap<string, number>): Shortage[] {
  return requested
    .map((line) => ({ sku: line.sku, requested: line.quantity, available: available.get(line.sku) ?? 0 }))
    .filter((line) => line.available < line.requested);
}

/**
 * The caller-facing message of a refused hold, naming each short SKU (free of `:` `/` `,` `?`).
 *
 * @example
 * shortageMessage([{ sku: "A", requested: 3, available: 1 }]) // => "not enough stock of A (3 requested and 1 available)"
 */
export function shortageMessage(shortages: readonly Shortage[]): string {
  const parts = shortages.map((s) => `${s.sku} (${s.requested} requested and ${s.available} available)`);
  return `not enough stock of ${parts.join(" and ")}`;
}

import type { DraftLine } from "./order-draft.js";

/** A short SKU as the shortage names it (`StockShortage.skus`). */
export interface Shortage {
  readonly sku: string;
  readonly requested: bigint;
  readonly available: bigint;
}

/**
 * What to say next to each line whose SKU is short, by line index: the units available and the
 * units asked for (summed over the order's lines, as Inventory counts them). Every line of a short
 * SKU is marked; the SKUs compare as typed, trimmed.
 */
export function shortagesByLine(
  lines: readonly DraftLine[],
  shortages: readonly Shortage[],
): Readonly<Record<number, string>> {
  const bySku = new Map(shortages.map((shortage) => [shortage.sku, shortage]));
  const marks: Record<number, string> = {};
  lines.forEach((line, index) => {
    const short = bySku.get(line.sku.trim());
    if (short) {
      marks[index] =
        short.available === 0n
          ? `${short.sku} is out of stock (${short.requested} requested)`
          : `Only ${short.available} of ${short.sku} available (${short.requested} requested)`;
    }
  });
  return marks;
}

/** A line as the customer asked for it. */
export interface RequestedLine {
  readonly sku: string;
  readonly quantity: number;
}

/** A SKU as Inventory holds it for the order, with its unit price at the time of the hold. */
export interface HeldLine {
  readonly sku: string;
  /** Item name at hold time. */
  readonly name: string;
  readonly quantity: number;
  readonly currencyCode: string;
  readonly unitPriceMinor: number;
}

/** An order line priced from the hold. */
export interface PricedLine {
  readonly lineNumber: number;
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPriceMinor: number;
  readonly lineTotalMinor: number;
}

/** The priced order: its lines in request order, numbered from 1, and its totals. */
export interface PricedOrder {
  readonly lines: readonly PricedLine[];
  readonly currencyCode: string;
  readonly totalMinor: number;
  readonly totalUnits: number;
}

/** The outcome of {@link priceOrder}. */
export type PricingResult =
  | { readonly ok: true; readonly order: PricedOrder }
  | {
      readonly ok: false;
      readonly problem: "reservation_mismatch" | "mixed_currencies" | "too_large";
      readonly message: string;
    };

/** The refusal of a hold that is not exactly the request. */
const mismatch: PricingResult = {
  ok: false,
  problem: "reservation_mismatch",
  message: "the stock held for this order differs from the request",
};

/**
 * Prices the requested lines from Inventory's hold. The hold must be exactly the request with
 * repeated SKUs summed (otherwise the order id, and so the idempotency key, belongs to another
 * order), and every line must share one currency.
 *
 * @example
 * priceOrder([{ sku: "TEA", quantity: 2 }], [{ sku: "TEA", quantity: 2, currencyCode: "EUR", unitPriceMinor: 350 }]);
 * // { ok: true, order: { currencyCode: "EUR", totalMinor: 700, totalUnits: 2, lines: [...] } }
 */
export function priceOrder(requested: readonly RequestedLine[], held: readonly HeldLine[]): PricingResult {
  const heldBySku = new Map(held.map((line) => [line.sku, line]));
  const requestedBySku = new Map<string, number>();
  for (const line of requested) requestedBySku.set(line.sku, (requestedBySku.get(line.sku) ?? 0) + line.quantity);
  const matches =
    heldBySku.size === requestedBySku.size &&
    [...requestedBySku].every(([sku, quantity]) => heldBySku.get(sku)?.quantity === quantity);
  if (!matches) return mismatch;
  const currencies = new Set(held.map((line) => line.currencyCode));
  const [currencyCode, ...otherCurrencies] = currencies;
  if (currencyCode === undefined || otherCurrencies.length > 0) {
    const list = [...currencies].sort().join(" and ");
    return {
      ok: false,
      problem: "mixed_currencies",
      message: `the items of an order must share one currency but these are priced in ${list}`,
    };
  }
  const lines: PricedLine[] = [];
  for (const [index, line] of requested.entries()) {
    const heldLine = heldBySku.get(line.sku);
    // Every requested SKU is held (checked above); the guard only narrows the type.
    if (!heldLine) return mismatch;
    lines.push({
      lineNumber: index + 1,
      sku: line.sku,
      name: heldLine.name,
      quantity: line.quantity,
      unitPriceMinor: heldLine.unitPriceMinor,
      lineTotalMinor: heldLine.unitPriceMinor * line.quantity,
    });
  }
  const totalMinor = lines.reduce((sum, line) => sum + line.lineTotalMinor, 0);
  const totalUnits = lines.reduce((sum, line) => sum + line.quantity, 0);
  if (!Number.isSafeInteger(totalMinor)) {
    return { ok: false, problem: "too_large", message: "the order total is too large to record" };
  }
  return { ok: true, order: { lines, currencyCode, totalMinor, totalUnits } };
}

/** One line of a return as an order event reports it. */
export interface ReturnedLineInput {
  readonly lineNumber: number;
  readonly sku: string;
  readonly quantity: number;
}

/** A return of one order line, keyed so that the same return is only ever applied once. */
export interface KeyedReturn {
  readonly key: string;
  readonly sku: string;
  readonly quantity: number;
}

/**
 * Keys the lines of an `OrderLinesReturned` event by order line and by the line's returned total
 * after this return (`returnedSoFar`, from the order in the event). Two different returns of one
 * line reach different totals; the same return delivered twice, under any event id, yields the
 * same key. A line whose total is unknown falls back to `fallback` (the event id).
 *
 * @example
 * keyLineReturns([{ lineNumber: 2, sku: "MUG", quantity: 1 }], new Map([[2, 3]]), "ev-1")
 * // => [{ key: "line-2-returned-3", sku: "MUG", quantity: 1 }]
 */
export function keyLineReturns(
  lines: readonly ReturnedLineInput[],
  returnedSoFar: ReadonlyMap<number, number>,
  fallback: string,
): KeyedReturn[] {
  return lines
    .filter((line) => line.quantity > 0)
    .map((line) => {
      const total = returnedSoFar.get(line.lineNumber);
      const key =
        total === undefined ? `line-${line.lineNumber}-event-${fallback}` : `line-${line.lineNumber}-returned-${total}`;
      return { key, sku: line.sku, quantity: line.quantity };
    });
}

/** Key of the return of an aborted delivery: an order's goods come back from a delivery once. */
export const deliveryAbortedReturnKey = "delivery-aborted";

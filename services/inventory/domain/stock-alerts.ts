/** Alert flags kept on a stock level. */
export interface AlertFlags {
  readonly lowAlerted: boolean;
  readonly outAlerted: boolean;
}

/** What a change of available stock should announce, and the flags to keep. */
export interface AlertDecision {
  readonly flags: AlertFlags;
  readonly stockLow: boolean;
  readonly outOfStock: boolean;
}

/**
 * Low-stock hysteresis: one `StockLow` when available falls to or below the threshold, one
 * `OutOfStock` when it reaches zero, and no repeat of either until available has risen above the
 * threshold again.
 *
 * @example
 * decideAlerts({ lowAlerted: false, outAlerted: false }, 3, 5) // => stockLow: true
 */
export function decideAlerts(flags: AlertFlags, available: number, threshold: number): AlertDecision {
  if (available > threshold) {
    return { flags: { lowAlerted: false, outAlerted: false }, stockLow: false, outOfStock: false };
  }
  const stockLow = !flags.lowAlerted;
  const outOfStock = available <= 0 && !flags.outAlerted;
  return {
    flags: { lowAlerted: true, outAlerted: flags.outAlerted || available <= 0 },
    stockLow,
    outOfStock,
  };
}

/** What one order placed with a promo code has added to its campaign's stats. */
export interface Attribution {
  /** False for a cancellation seen before its placement (nothing was added). */
  readonly placed: boolean;
  readonly cancelled: boolean;
  /** Units counted at placement. */
  readonly units: number;
  /** Value counted at placement: the order total, or 0 when it is not in the stats' currency. */
  readonly revenueMinor: number;
  /** Units returned so far, already subtracted. */
  readonly returnedUnits: number;
  /** Value returned so far, already subtracted (0 while the order counts no revenue). */
  readonly returnedMinor: number;
}

/** A change to a campaign's stats. */
export interface StatsDelta {
  readonly orders: number;
  readonly units: number;
  readonly revenueMinor: number;
  readonly cancelledOrders: number;
}

/** An order's figures as its events carry them. */
export interface OrderFigures {
  readonly totalUnits: number;
  readonly totalMinor: number;
  readonly currencyCode: string;
}

const noChange: StatsDelta = { orders: 0, units: 0, revenueMinor: 0, cancelledOrders: 0 };

/**
 * An order placed with the campaign's code: one order, its units, and its value when it is in the
 * stats' currency (stats keep one currency; orders in another count in orders and units only).
 *
 * @example
 * attributePlacement({ totalUnits: 3, totalMinor: 1500, currencyCode: "EUR" }, "EUR").delta;
 * // { orders: 1, units: 3, revenueMinor: 1500, cancelledOrders: 0 }
 */
export function attributePlacement(
  order: OrderFigures,
  statsCurrency: string,
): { readonly attribution: Attribution; readonly delta: StatsDelta } {
  const revenueMinor = order.currencyCode === statsCurrency ? order.totalMinor : 0;
  const attribution: Attribution = {
    placed: true,
    cancelled: false,
    units: order.totalUnits,
    revenueMinor,
    returnedUnits: 0,
    returnedMinor: 0,
  };
  return { attribution, delta: { orders: 1, units: order.totalUnits, revenueMinor, cancelledOrders: 0 } };
}

/**
 * The order was cancelled: it subtracts exactly what it still adds (its placement less what was
 * returned) and counts as cancelled. A second cancellation changes nothing; a cancellation seen
 * before its placement only counts as cancelled (`undefined`: no attribution yet).
 */
export function attributeCancellation(current: Attribution | undefined): {
  readonly attribution: Attribution;
  readonly delta: StatsDelta;
} {
  if (!current) {
    return {
      attribution: { placed: false, cancelled: true, units: 0, revenueMinor: 0, returnedUnits: 0, returnedMinor: 0 },
      delta: { ...noChange, cancelledOrders: 1 },
    };
  }
  if (current.cancelled) return { attribution: current, delta: noChange };
  const delta: StatsDelta = current.placed
    ? {
        orders: -1,
        units: current.returnedUnits - current.units,
        revenueMinor: current.returnedMinor - current.revenueMinor,
        cancelledOrders: 1,
      }
    : { ...noChange, cancelledOrders: 1 };
  return { attribution: { ...current, cancelled: true }, delta };
}

/**
 * Goods of the order came back: `returnedUnits` and `returnedMinor` are the order's totals returned
 * so far (as its event carries them), so a repeated or late event subtracts nothing twice. Value is
 * subtracted only when the order counted any.
 */
export function attributeReturn(
  current: Attribution,
  returnedUnits: number,
  returnedMinor: number,
): { readonly attribution: Attribution; readonly delta: StatsDelta } {
  if (!current.placed || current.cancelled) return { attribution: current, delta: noChange };
  const units = Math.min(Math.max(returnedUnits, current.returnedUnits), current.units);
  const minor =
    current.revenueMinor === 0 ? 0 : Math.min(Math.max(returnedMinor, current.returnedMinor), current.revenueMinor);
  return {
    attribution: { ...current, returnedUnits: units, returnedMinor: minor },
    delta: { ...noChange, units: current.returnedUnits - units, revenueMinor: current.returnedMinor - minor },
  };
}

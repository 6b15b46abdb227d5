import { type StockQuantity, sumStockLines } from "./stock-lines.js";

/** Why a return of an order's goods is refused, or `undefined` when it may go back on hand. */
export type ReturnRefusal =
  | { readonly kind: "not-committed"; readonly status: string }
  | { readonly kind: "not-in-order"; readonly sku: string }
  | {
      readonly kind: "more-than-committed";
      readonly sku: string;
      readonly committed: number;
      readonly returned: number;
      readonly requested: number;
    };

/** What an order committed and what already came back of it, per SKU. */
export interface ReturnAllowanceInput {
  readonly status: string;
  /** The reservation's lines: what was held, and consumed once COMMITTED. */
  readonly committed: readonly StockQuantity[];
  /** Units of each SKU already put back on hand for the order (every `return` ledger entry). */
  readonly returned: ReadonlyMap<string, number>;
  /** The return asked for (summed per SKU here). */
  readonly requested: readonly StockQuantity[];
}

/** A SKU of a return asking for more than its order committed and has not had back yet. */
export interface ReturnExcess {
  readonly sku: string;
  /** Whether the SKU is one of the order's lines at all. */
  readonly inOrder: boolean;
  /** Units the order committed (0 when not in the order). */
  readonly committed: number;
  /** Units that came back before this return. */
  readonly returned: number;
  readonly requested: number;
  /** Units of the request that may still come back (0 up to `requested - 1`). */
  readonly allowed: number;
}

/** What of a return may go back on hand: see {@link planReturn}. */
export type ReturnPlan =
  | { readonly kind: "not-committed"; readonly status: string }
  | {
      readonly kind: "within-committed";
      /** What goes back, per SKU in lock order; SKUs with nothing left are left out. */
      readonly lines: readonly StockQuantity[];
      /** The SKUs cut down, in the order of the request. */
      readonly excess: readonly ReturnExcess[];
    };

/**
 * The one rule of every return (ReturnStock, `OrderLinesReturned`, an aborted delivery): only a
 * COMMITTED reservation consumed stock, so only it gives any back, and of each SKU at most what it
 * committed less what came back before. A request beyond that is cut down to it and reported.
 *
 * @example
 * planReturn({ status: "committed", committed: [{ sku: "MUG", quantity: 2 }],
 *   returned: new Map([["MUG", 1]]), requested: [{ sku: "MUG", quantity: 2 }] })
 * // => { kind: "within-committed", lines: [{ sku: "MUG", quantity: 1 }],
 * //      excess: [{ sku: "MUG", inOrder: true, committed: 2, returned: 1, requested: 2, allowed: 1 }] }
 */
export function planReturn(input: ReturnAllowanceInput): ReturnPlan {
  if (input.status !== "committed") return { kind: "not-committed", status: input.status };
  const committed = new Map(sumStockLines(input.committed).map((line) => [line.sku, line.quantity]));
  const requested = new Map<string, number>();
  for (const line of input.requested) requested.set(line.sku, (requested.get(line.sku) ?? 0) + line.quantity);
  const lines: StockQuantity[] = [];
  const excess: ReturnExcess[] = [];
  for (const [sku, quantity] of requested) {
    const limit = committed.get(sku);
    const returned = input.returned.get(sku) ?? 0;
    // Never below zero: a ledger may hold more returns than the order committed (from before the cap).
    const left = Math.max(0, (limit ?? 0) - returned);
    const allowed = Math.min(quantity, left);
    if (allowed > 0) lines.push({ sku, quantity: allowed });
    if (allowed < quantity)
      excess.push({ sku, inOrder: limit !== undefined, committed: limit ?? 0, returned, requested: quantity, allowed });
  }
  return { kind: "within-committed", lines: sumStockLines(lines), excess };
}

/**
 * The all-or-nothing view of {@link planReturn} (ReturnStock): the first reason the whole return
 * cannot go back, or `undefined` when all of it can.
 *
 * @example
 * checkReturnAllowance({ status: "committed", committed: [{ sku: "MUG", quantity: 2 }],
 *   returned: new Map([["MUG", 1]]), requested: [{ sku: "MUG", quantity: 2 }] })
 * // => { kind: "more-than-committed", sku: "MUG", committed: 2, returned: 1, requested: 2 }
 */
export function checkReturnAllowance(input: ReturnAllowanceInput): ReturnRefusal | undefined {
  return refusalOf(planReturn(input));
}

/** The refusal of a plan that cannot return everything asked for, or `undefined`. */
export function refusalOf(plan: ReturnPlan): ReturnRefusal | undefined {
  if (plan.kind === "not-committed") return plan;
  const [first] = plan.excess;
  if (!first) return undefined;
  if (!first.inOrder) return { kind: "not-in-order", sku: first.sku };
  const { sku, committed, returned, requested } = first;
  return { kind: "more-than-committed", sku, committed, returned, requested };
}

/** A caller-facing sentence for a refusal of a return of `orderId`. */
export function returnRefusalMessage(orderId: string, refusal: ReturnRefusal): string {
  switch (refusal.kind) {
    case "not-committed":
      return `the reservation of order ${orderId} is ${refusal.status}: only goods of a committed (dispatched) order can be returned`;
    case "not-in-order":
      return `order ${orderId} committed no ${refusal.sku}`;
    case "more-than-committed":
      return `order ${orderId} committed ${refusal.committed} of ${refusal.sku} and ${refusal.returned} came back already: ${refusal.requested} more cannot be returned`;
  }
}

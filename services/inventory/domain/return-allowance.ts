import type { StockQuantity } from "./stock-lines.js";

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
  /** The return asked for, summed per SKU. */
  readonly requested: readonly StockQuantity[];
}

/**
 * Checks a return against the order: only a COMMITTED reservation consumed stock, only its SKUs
 * can come back, and never more of a SKU than it committed, counting what came back before.
 *
 * @example
 * checkReturnAllowance({ status: "committed", committed: [{ sku: "MUG", quantity: 2 }],
 *   returned: new Map([["MUG", 1]]), requested: [{ sku: "MUG", quantity: 2 }] })
 * // => { kind: "more-than-committed", sku: "MUG", committed: 2, returned: 1, requested: 2 }
 */
export function checkReturnAllowance(input: ReturnAllowanceInput): ReturnRefusal | undefined {
  if (input.status !== "committed") return { kind: "not-committed", status: input.status };
  const committed = new Map<string, number>();
  for (const line of input.committed) committed.set(line.sku, (committed.get(line.sku) ?? 0) + line.quantity);
  for (const line of input.requested) {
    const limit = committed.get(line.sku);
    if (limit === undefined) return { kind: "not-in-order", sku: line.sku };
    const returned = input.returned.get(line.sku) ?? 0;
    if (returned + line.quantity > limit) {
      return { kind: "more-than-committed", sku: line.sku, committed: limit, returned, requested: line.quantity };
    }
  }
  return undefined;
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

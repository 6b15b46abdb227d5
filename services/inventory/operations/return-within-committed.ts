import type { Kysely } from "kysely";
import { planReturn, type ReturnExcess, type ReturnRefusal, refusalOf, type StockQuantity } from "../domain/index.js";
import type { InventoryDatabase, OrderReturns } from "../storage/index.js";
import type { AppliedStockChange } from "./apply-stock-changes.js";
import type { StockContext } from "./inventory-context.js";
import { putBackOnHand } from "./put-back-on-hand.js";

/** A return of goods of an order whose reservation the caller has locked (`lockOrderReturns`). */
export interface ReturnWithinCommittedRequest {
  readonly lines: readonly StockQuantity[];
  /**
   * `refuse` (ReturnStock): a return asking for more than is left is refused whole, nothing
   * changes. `cap` (events, which must not fail for ever): what is left goes back, the rest is
   * reported in `excess`.
   */
  readonly beyondCommitted: "refuse" | "cap";
  readonly actor: string;
  /** Kept in the ledger entries' reference beside the order id. */
  readonly note?: string;
  readonly idempotencyKey: string;
}

/** What {@link returnWithinCommitted} did. */
export type ReturnWithinCommittedOutcome =
  | { readonly kind: "not-committed"; readonly status: string }
  | { readonly kind: "refused"; readonly refusal: ReturnRefusal }
  | {
      readonly kind: "returned";
      /** The levels after the return, one per SKU that went back. */
      readonly applied: readonly AppliedStockChange[];
      /** SKUs cut down to what the order had left (always empty when refusing). */
      readonly excess: readonly ReturnExcess[];
    };

/**
 * Puts goods of an order back on hand, at most what it committed less what came back before, per
 * SKU ({@link planReturn}), counted on `order` as read under its reservation's lock, so that every
 * return path — ReturnStock, `OrderLinesReturned`, an aborted delivery — shares one limit. The
 * ledger entries reference the reservation's order id (as stored), which that count reads.
 */
export async function returnWithinCommitted(
  trx: Kysely<InventoryDatabase>,
  ctx: StockContext,
  order: OrderReturns,
  request: ReturnWithinCommittedRequest,
): Promise<ReturnWithinCommittedOutcome> {
  const { reservation } = order;
  const plan = planReturn({
    status: reservation.status,
    committed: reservation.lines,
    returned: order.returned,
    requested: request.lines,
  });
  if (plan.kind === "not-committed") return plan;
  const refusal = request.beyondCommitted === "refuse" ? refusalOf(plan) : undefined;
  if (refusal) return { kind: "refused", refusal };
  if (plan.lines.length === 0) return { kind: "returned", applied: [], excess: plan.excess };
  const applied = await putBackOnHand(trx, ctx, {
    orderId: reservation.order_id,
    brandId: reservation.brand_id,
    lines: plan.lines,
    actor: request.actor,
    ...(request.note ? { note: request.note } : {}),
    idempotencyKey: request.idempotencyKey,
  });
  return { kind: "returned", applied, excess: plan.excess };
}

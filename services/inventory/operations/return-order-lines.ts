import type { Kysely } from "kysely";
import { DomainError } from "../../kit/errors/index.js";
import { keyLineReturns, type ReturnExcess, type ReturnedLineInput } from "../domain/index.js";
import { claimReturnKeys, type InventoryDatabase, lockOrderReturns } from "../storage/index.js";
import type { StockContext } from "./inventory-context.js";
import { returnWithinCommitted } from "./return-within-committed.js";

/** Lines of a delivered order that came back, as the order events report them. */
export interface OrderLinesReturn {
  readonly orderId: string;
  readonly brandId: string;
  readonly lines: readonly ReturnedLineInput[];
  /** Units of each order line returned so far, after this return (by line number). */
  readonly returnedSoFar: ReadonlyMap<number, number>;
  readonly actor: string;
  readonly note: string;
  /** Id of the event reporting it; keys a line whose returned total is unknown. */
  readonly eventId: string;
}

/** What {@link returnOrderLines} did, for the consumer to log. */
export type OrderLinesReturnOutcome =
  /** No reservation of the brand: nothing of this order was consumed here. */
  | { readonly kind: "no-reservation" }
  /** The reservation was released: it consumed nothing. */
  | { readonly kind: "not-committed"; readonly status: string }
  | {
      readonly kind: "returned";
      /** Units that went back on hand. */
      readonly units: number;
      /** SKUs cut down to what the order had left. */
      readonly excess: readonly ReturnExcess[];
    };

/**
 * Puts returned lines back on hand once each and never beyond what the order committed: under
 * the reservation's lock (`lockOrderReturns`), every line return is keyed by line and returned
 * total ({@link keyLineReturns}) and claimed in `stock_returns`, so a replayed or re-sent event
 * changes nothing; the lines not claimed before go back within the limit every return path shares
 * ({@link returnWithinCommitted}), and whatever exceeds it is cut off and reported, never retried.
 * A reservation not committed yet (the dispatch not processed here yet: another stream) throws
 * ABORTED, so the event comes back later; a released one, or none, returns nothing.
 */
export async function returnOrderLines(
  trx: Kysely<InventoryDatabase>,
  ctx: StockContext,
  request: OrderLinesReturn,
): Promise<OrderLinesReturnOutcome> {
  const order = await lockOrderReturns(trx, request.orderId);
  if (!order || order.reservation.brand_id !== request.brandId) return { kind: "no-reservation" };
  const { status } = order.reservation;
  if (status === "held" || status === "confirmed") {
    throw new DomainError(
      "aborted",
      `order ${request.orderId} is ${status} here: its returned lines wait for its dispatch to be processed`,
    );
  }
  if (status !== "committed") return { kind: "not-committed", status };
  const keyed = keyLineReturns(request.lines, request.returnedSoFar, request.eventId);
  const fresh = await claimReturnKeys(
    trx,
    order.reservation.order_id,
    keyed.map((line) => line.key),
  );
  const lines = keyed.filter((line) => fresh.has(line.key));
  if (lines.length === 0) return { kind: "returned", units: 0, excess: [] };
  const outcome = await returnWithinCommitted(trx, ctx, order, {
    lines,
    beyondCommitted: "cap",
    actor: request.actor,
    note: request.note,
    idempotencyKey: lines.map((line) => line.key).join(" "),
  });
  // Committed (checked above) and capped: nothing else can come back.
  if (outcome.kind !== "returned") throw new Error(`a capped return of order ${request.orderId} ended ${outcome.kind}`);
  const units = outcome.applied.reduce((sum, change) => sum + Number(change.entry.deltaOnHand), 0);
  return { kind: "returned", units, excess: outcome.excess };
}

import type { Kysely } from "kysely";
import { keyLineReturns, type ReturnedLineInput } from "../domain/index.js";
import { claimReturnKeys, type InventoryDatabase } from "../storage/index.js";
import type { StockContext } from "./inventory-context.js";
import { putBackOnHand } from "./put-back-on-hand.js";

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

/**
 * Puts returned lines back on hand once each: every line return is keyed by line and returned
 * total (see {@link keyLineReturns}) and claimed in `stock_returns`; only lines not claimed before
 * go back on hand, so a replayed or re-sent event changes nothing. Returns how many units went
 * back.
 */
export async function returnOrderLines(
  trx: Kysely<InventoryDatabase>,
  ctx: StockContext,
  request: OrderLinesReturn,
): Promise<number> {
  const keyed = keyLineReturns(request.lines, request.returnedSoFar, request.eventId);
  const fresh = await claimReturnKeys(
    trx,
    request.orderId,
    keyed.map((line) => line.key),
  );
  const lines = keyed.filter((line) => fresh.has(line.key));
  if (lines.length === 0) return 0;
  await putBackOnHand(trx, ctx, {
    orderId: request.orderId,
    brandId: request.brandId,
    lines,
    actor: request.actor,
    note: request.note,
    idempotencyKey: lines.map((line) => line.key).join(" "),
  });
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}

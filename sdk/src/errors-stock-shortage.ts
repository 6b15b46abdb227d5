import { Code, ConnectError } from "@connectrpc/connect";
import { type ShortSku, StockShortageSchema } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";

/**
 * The SKUs that made PlaceOrder or ReserveStock fail (FAILED_PRECONDITION with a
 * `waybill.inventory.v1.StockShortage` detail), each with the units requested (summed over the
 * order's lines) and available; `undefined` for any other error.
 *
 * @example
 * const short = stockShortageOf(error);
 * if (short) for (const { sku, requested, available } of short) console.log(sku, requested, available);
 */
export function stockShortageOf(error: unknown): readonly ShortSku[] | undefined {
  if (!(error instanceof ConnectError) || error.code !== Code.FailedPrecondition) return undefined;
  return error.findDetails(StockShortageSchema)[0]?.skus;
}

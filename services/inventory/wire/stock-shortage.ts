import { StockShortageSchema } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { DomainErrorDetail } from "../../kit/errors/index.js";
import type { Shortage } from "../domain/index.js";

/** The `StockShortage` detail of a refusal, listing each short SKU with requested and available units. */
export function stockShortageDetail(shortages: readonly Shortage[]): DomainErrorDetail<typeof StockShortageSchema> {
  return {
    desc: StockShortageSchema,
    value: {
      skus: shortages.map((s) => ({ sku: s.sku, requested: BigInt(s.requested), available: BigInt(s.available) })),
    },
  };
}

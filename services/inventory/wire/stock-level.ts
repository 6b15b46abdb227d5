import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type StockLevel, StockLevelSchema } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";

/** The units of a level at one point of its ledger, as rows carry them. */
export interface LevelValues {
  readonly brand_id: string;
  readonly sku: string;
  readonly on_hand: number;
  readonly reserved: number;
  readonly ledger_sequence: number;
}

/**
 * A level as a `StockLevel` message. `asOfTime` is the time of the last ledger entry applied to it
 * (or the requested as-of time of a past level).
 */
export function toStockLevel(level: LevelValues, asOfTime: Date): StockLevel {
  return create(StockLevelSchema, {
    brandId: level.brand_id,
    sku: level.sku,
    onHand: BigInt(level.on_hand),
    reserved: BigInt(level.reserved),
    available: BigInt(level.on_hand - level.reserved),
    ledgerSequence: BigInt(level.ledger_sequence),
    asOfTime: timestampFromDate(asOfTime),
  });
}

import type { Money } from "@waybill/contracts/waybill/common/v1/money_pb.js";

/** An amount in minor units as `Money`. */
export function money(currencyCode: string, minorUnits: number): Money {
  return { $typeName: "waybill.common.v1.Money", currencyCode, minorUnits: BigInt(minorUnits) };
}

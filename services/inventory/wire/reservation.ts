import { create } from "@bufbuild/protobuf";
import {
  type Reservation,
  ReservationSchema,
  ReservationStatus,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { optionalTimestamp } from "../../kit/wire/index.js";
import type { ReservationStatusName } from "../domain/index.js";
import type { ReservationRow } from "../storage/index.js";

/** Each stored reservation status and its contract value. */
export const reservationStatuses: Readonly<Record<ReservationStatusName, ReservationStatus>> = {
  held: ReservationStatus.HELD,
  confirmed: ReservationStatus.CONFIRMED,
  released: ReservationStatus.RELEASED,
  committed: ReservationStatus.COMMITTED,
};

/** A reservation row as a `Reservation` message. */
export function toReservation(row: ReservationRow): Reservation {
  return create(ReservationSchema, {
    orderId: row.order_id,
    brandId: row.brand_id,
    status: reservationStatuses[row.status],
    lines: row.lines.map((line) => ({
      sku: line.sku,
      name: line.name ?? "",
      quantity: BigInt(line.quantity),
      unitPrice: { currencyCode: line.currency_code, minorUnits: BigInt(line.unit_price_minor) },
    })),
    expireTime: optionalTimestamp(row.expire_at),
  });
}

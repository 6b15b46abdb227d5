import type { ReservationStatusName } from "./reservation-status.js";

/**
 * The brand of a tombstone: the RELEASED reservation that releasing an order id with no
 * reservation leaves behind, so that a ReserveStock for that order id arriving later (an attempt
 * that was frozen on its way) holds nothing and answers RELEASED. A tombstone holds no lines.
 */
export const tombstoneBrand = "";

/** Whether a reservation is a tombstone (see {@link tombstoneBrand}): answered RELEASED to any brand. */
export function isTombstone(reservation: {
  readonly status: ReservationStatusName;
  readonly brandId: string;
}): boolean {
  return reservation.status === "released" && reservation.brandId === tombstoneBrand;
}

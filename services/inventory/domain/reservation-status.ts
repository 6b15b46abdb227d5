/** Status of a reservation, as stored: the lower-case names of the contract's `ReservationStatus`. */
export type ReservationStatusName = "held" | "confirmed" | "released" | "committed";

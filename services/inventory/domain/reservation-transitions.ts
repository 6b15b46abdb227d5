import type { ReservationStatusName } from "./reservation-status.js";

/** What can be done to a reservation. */
export type ReservationAction = "confirm" | "release" | "commit";

/** Whether an action applies to a reservation in its status. */
export type TransitionPlan = "apply" | "unchanged" | "refused";

const plans: Readonly<Record<ReservationAction, Readonly<Record<ReservationStatusName, TransitionPlan>>>> = {
  // A confirmed hold no longer expires; a committed one is past needing it.
  confirm: { held: "apply", confirmed: "unchanged", committed: "unchanged", released: "refused" },
  // Released stock is back to available; committed stock has left the warehouse.
  release: { held: "apply", confirmed: "apply", released: "unchanged", committed: "refused" },
  // Dispatch consumes what is held; released stock may already belong to another order.
  commit: { held: "apply", confirmed: "apply", committed: "unchanged", released: "refused" },
};

/** The status a reservation has after an applied action. */
export const statusAfter: Readonly<Record<ReservationAction, ReservationStatusName>> = {
  confirm: "confirmed",
  release: "released",
  commit: "committed",
};

/**
 * The reservation life cycle: HELD → CONFIRMED → COMMITTED, and HELD or CONFIRMED → RELEASED.
 * Repeating an action is `unchanged` (idempotent); an action that contradicts the current status
 * is `refused`.
 *
 * @example
 * planTransition("released", "confirm") // => "refused"
 */
export function planTransition(status: ReservationStatusName, action: ReservationAction): TransitionPlan {
  return plans[action][status];
}

/** Statuses from which `action` applies. */
export function statusesAllowing(action: ReservationAction): ReservationStatusName[] {
  return (Object.keys(plans[action]) as ReservationStatusName[]).filter((status) => plans[action][status] === "apply");
}

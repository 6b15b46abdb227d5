/** The life of an order's delivery, as the contract's `AssignmentStatus` names it. */
export type AssignmentStatusName =
  | "queued"
  | "assigned"
  | "picked_up"
  | "en_route"
  | "delivered"
  | "recalled"
  | "returned"
  | "cancelled";

/** Statuses in which an order holds a place on a courier (counted in its `active`). */
export const courierHoldingStatuses: readonly AssignmentStatusName[] = [
  "assigned",
  "picked_up",
  "en_route",
  "recalled",
];

/** True once nothing more happens to the assignment. */
export function isFinalAssignment(status: AssignmentStatusName): boolean {
  return status === "delivered" || status === "returned" || status === "cancelled";
}

/** What cancelling the order means for its delivery. */
export type CancelPlan =
  /** No assignment yet: remember the cancellation so a late ready-for-dispatch event is ignored. */
  | "tombstone"
  /** Still queued: leave the queue. */
  | "dequeue"
  /** A courier is reserved but has not taken the goods: free it. */
  | "release"
  /** The goods are with the courier: bring them back. */
  | "recall"
  /** Already over (delivered, returned, cancelled) or already recalled. */
  | "nothing";

/**
 * How a cancellation of the order applies to its assignment (`undefined`: there is none).
 *
 * @example
 * planCancellation("en_route"); // "recall"
 */
export function planCancellation(status: AssignmentStatusName | undefined): CancelPlan {
  switch (status) {
    case undefined:
      return "tombstone";
    case "queued":
      return "dequeue";
    case "assigned":
      return "release";
    case "picked_up":
    case "en_route":
      return "recall";
    default:
      return "nothing";
  }
}

/** A rider's report about one of its orders. */
export type RiderReport = "pickup" | "delivery" | "return";

/** The assignment status each report requires, and the one it leads to. */
export const riderReportRule: Readonly<
  Record<RiderReport, { readonly from: AssignmentStatusName; readonly to: AssignmentStatusName }>
> = {
  pickup: { from: "assigned", to: "en_route" },
  delivery: { from: "en_route", to: "delivered" },
  return: { from: "recalled", to: "returned" },
};

import { AssignmentStatus, CourierAvailability, CourierKind } from "@waybill/sdk/fleet";
import type { BadgeTone } from "../../ui/index.js";

/** A rider's report about one of its orders: ReportPickup, ReportDelivery or ReportReturn. */
export type RiderAction = "pickup" | "delivery" | "return";

/**
 * The assignment status each report requires, as Fleet's rule says (services/fleet/domain/
 * assignment-status.ts `riderReportRule`): pick up an ASSIGNED order (it becomes EN_ROUTE at once),
 * deliver an EN_ROUTE one, bring back a RECALLED one.
 */
const requiredStatus: Readonly<Record<RiderAction, AssignmentStatus>> = {
  pickup: AssignmentStatus.ASSIGNED,
  delivery: AssignmentStatus.EN_ROUTE,
  return: AssignmentStatus.RECALLED,
};

/**
 * The reports a courier may make about an assignment now: only riders report (drones fly on
 * Fleet's clock), and only the one report its status allows; none for a finished assignment.
 */
export function riderActions(status: AssignmentStatus, kind: CourierKind): readonly RiderAction[] {
  if (kind !== CourierKind.RIDER) return [];
  return (Object.keys(requiredStatus) as RiderAction[]).filter((action) => requiredStatus[action] === status);
}

/** The words of an action's button. */
export function actionLabel(action: RiderAction): string {
  switch (action) {
    case "pickup":
      return "Picked up";
    case "delivery":
      return "Delivered";
    case "return":
      return "Returned to the brand";
  }
}

/** The statuses a courier still works on (the "To do" list); the others are done. */
export const activeStatuses: readonly AssignmentStatus[] = [
  AssignmentStatus.ASSIGNED,
  AssignmentStatus.PICKED_UP,
  AssignmentStatus.EN_ROUTE,
  AssignmentStatus.RECALLED,
];

/** The finished statuses (the "Done" list). */
export const finishedStatuses: readonly AssignmentStatus[] = [
  AssignmentStatus.DELIVERED,
  AssignmentStatus.RETURNED,
  AssignmentStatus.CANCELLED,
];

const labels: Readonly<Record<AssignmentStatus, string>> = {
  [AssignmentStatus.UNSPECIFIED]: "—",
  [AssignmentStatus.QUEUED]: "Queued",
  [AssignmentStatus.ASSIGNED]: "To pick up",
  [AssignmentStatus.PICKED_UP]: "Picked up",
  [AssignmentStatus.EN_ROUTE]: "On the way",
  [AssignmentStatus.DELIVERED]: "Delivered",
  [AssignmentStatus.RECALLED]: "Recalled: bring it back",
  [AssignmentStatus.RETURNED]: "Returned",
  [AssignmentStatus.CANCELLED]: "Cancelled",
};

/** An assignment's status in a courier's words: `To pick up`, `On the way`. */
export function assignmentLabel(status: AssignmentStatus): string {
  return labels[status] ?? "—";
}

/** The badge colour of an assignment's status: work to do, on the way, done, or ended otherwise. */
export function assignmentTone(status: AssignmentStatus): BadgeTone {
  switch (status) {
    case AssignmentStatus.ASSIGNED:
    case AssignmentStatus.RECALLED:
      return "warning";
    case AssignmentStatus.PICKED_UP:
    case AssignmentStatus.EN_ROUTE:
      return "info";
    case AssignmentStatus.DELIVERED:
    case AssignmentStatus.RETURNED:
      return "good";
    case AssignmentStatus.CANCELLED:
      return "danger";
    default:
      return "neutral";
  }
}

/**
 * The availability a courier's toggle switches to: a courier may set only ONLINE or OFFLINE
 * (SetCourierAvailability), so one in MAINTENANCE, set by an operator, gets no toggle.
 */
export function nextAvailability(current: CourierAvailability): CourierAvailability | undefined {
  if (current === CourierAvailability.ONLINE) return CourierAvailability.OFFLINE;
  if (current === CourierAvailability.OFFLINE) return CourierAvailability.ONLINE;
  return undefined;
}

import { AssignmentStatus, CourierAvailability, CourierKind, CourierState } from "@waybill/sdk/fleet";
import type { BadgeTone } from "../../ui/index.js";

/** A courier state in words, with the tone of its badge. */
export const courierStateLabels: Readonly<Record<CourierState, readonly [label: string, tone: BadgeTone]>> = {
  [CourierState.UNSPECIFIED]: ["—", "neutral"],
  [CourierState.OFFLINE]: ["Offline", "neutral"],
  [CourierState.READY]: ["Ready", "good"],
  [CourierState.RESERVED]: ["Reserved", "info"],
  [CourierState.LOADED]: ["Loaded", "info"],
  [CourierState.EN_ROUTE]: ["En route", "info"],
  [CourierState.RETURNING]: ["Returning", "warning"],
  [CourierState.MAINTENANCE]: ["Maintenance", "danger"],
  [CourierState.BUSY]: ["Busy", "warning"],
};

/** Availabilities an operator may set, in words. */
export const availabilityLabels: Readonly<Record<CourierAvailability, string>> = {
  [CourierAvailability.UNSPECIFIED]: "—",
  [CourierAvailability.ONLINE]: "Online",
  [CourierAvailability.OFFLINE]: "Offline",
  [CourierAvailability.MAINTENANCE]: "Maintenance",
};

/** A courier kind in words. */
export const kindLabels: Readonly<Record<CourierKind, string>> = {
  [CourierKind.UNSPECIFIED]: "Courier",
  [CourierKind.DRONE]: "Drone",
  [CourierKind.RIDER]: "Rider",
};

/** A delivery's status in words. */
export const assignmentLabels: Readonly<Record<AssignmentStatus, string>> = {
  [AssignmentStatus.UNSPECIFIED]: "—",
  [AssignmentStatus.QUEUED]: "Queued for a courier",
  [AssignmentStatus.ASSIGNED]: "Courier assigned",
  [AssignmentStatus.PICKED_UP]: "Picked up",
  [AssignmentStatus.EN_ROUTE]: "En route",
  [AssignmentStatus.DELIVERED]: "Delivered",
  [AssignmentStatus.RECALLED]: "Recalled",
  [AssignmentStatus.RETURNED]: "Returned to base",
  [AssignmentStatus.CANCELLED]: "Cancelled",
};

import { type Assignment, AssignmentStatus, CourierKind } from "@waybill/sdk/fleet";
import { millisOf } from "./fleet-model.js";
import type { FlightTimes } from "./flight-position.js";

/**
 * The flight of an order's drone as far as the order's own delivery tells (what a brand may
 * read): on the ground until take-off, out between pick-up and the expected arrival, at the
 * customer once delivered, and back from where it turned when recalled. Undefined for a rider or
 * a delivery with no courier (nothing flies).
 */
export function orderFlightTimes(assignment: Assignment): FlightTimes | undefined {
  if (assignment.courierKind !== CourierKind.DRONE) return undefined;
  const departMs = millisOf(assignment.pickupTime);
  const arriveMs = millisOf(assignment.estimatedArrivalTime);
  switch (assignment.status) {
    case AssignmentStatus.EN_ROUTE:
      return { leg: "outbound", departMs, arriveMs };
    case AssignmentStatus.DELIVERED:
      // The order's part of the flight ends at the hand-over; the drone's way back is its own.
      return { leg: "arrived" };
    case AssignmentStatus.RECALLED:
      return { leg: "returning", departMs, arriveMs, turnMs: millisOf(assignment.updateTime) };
    case AssignmentStatus.ASSIGNED:
    case AssignmentStatus.PICKED_UP:
    case AssignmentStatus.RETURNED:
    case AssignmentStatus.CANCELLED:
      return { leg: "ground" };
    default:
      return undefined;
  }
}

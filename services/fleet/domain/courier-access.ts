import type { Principal } from "../../kit/auth/index.js";
import { permissionDenied } from "../../kit/errors/index.js";
import type { AvailabilityName } from "./courier-state.js";

/** A courier principal may act only as itself; other roles may act for any courier. */
export function assertActsAsItself(principal: Principal, courierId: string): void {
  if (principal.role === "courier" && principal.subject !== courierId) {
    throw permissionDenied(`courier ${principal.subject} may not act for courier ${courierId}`);
  }
}

/**
 * Who may set a courier's availability: the courier itself, ONLINE or OFFLINE only (maintenance
 * is an admin's call), or an operator.
 */
export function assertAvailabilitySetter(
  principal: Principal,
  courierId: string,
  availability: AvailabilityName,
): void {
  assertActsAsItself(principal, courierId);
  if (principal.role === "courier" && availability === "maintenance") {
    throw permissionDenied("a courier may set itself ONLINE or OFFLINE only - maintenance is set by an admin");
  }
}

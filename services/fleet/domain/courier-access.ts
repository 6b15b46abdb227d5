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

/**
 * Who may watch which couriers (WatchFleet): a courier only itself, by naming exactly its own id in
 * `courierIds` (no ids would mean the whole fleet, and a zone alone another courier's); other
 * roles allowed by the contract any couriers. Zone and kind filters only narrow what the ids allow.
 */
export function assertWatcher(principal: Principal, courierIds: readonly string[]): void {
  if (principal.role !== "courier") return;
  if (courierIds.length !== 1 || courierIds[0] !== principal.subject) {
    throw permissionDenied(`a courier watches only itself - set courier_ids to exactly [${principal.subject}]`);
  }
}

import type { RoleName } from "../../../session/session.js";

/** The roles PlaceOrder accepts from the console (orders.proto; `service` has no console page). */
const placingRoles: readonly RoleName[] = ["admin", "partner", "customer"];

/**
 * Whether a role may place orders: an operator for anyone, a partner for its brand's customers, a
 * customer for themselves. A brand may not (the contract leaves ordering to partners' shops and
 * customers), so the brand's orders page has no "New order".
 */
export function canPlaceOrder(role: RoleName): boolean {
  return placingRoles.includes(role);
}

/** Where a role opens the order form: the customer's own page, or the orders' one. */
export function newOrderPath(role: RoleName, brandId = ""): string {
  if (role === "customer") return "/my-orders/new";
  return brandId && role === "admin" ? `/orders/new?brand=${encodeURIComponent(brandId)}` : "/orders/new";
}

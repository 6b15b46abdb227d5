import { failedPrecondition } from "../../kit/errors/index.js";

/** The statuses of an order as stored: lower-case names of `waybill.orders.v1.OrderStatus`. */
export const orderStatuses = [
  "placed",
  "preparing",
  "ready_for_dispatch",
  "dispatched",
  "en_route",
  "delivered",
  "cancelled",
  "returned",
] as const;

/** One of {@link orderStatuses}. */
export type OrderStatusName = (typeof orderStatuses)[number];

/**
 * What asks for a move: the brand's kitchen (`UpdateOrderStatus`), a Fleet delivery event, a
 * cancellation (`CancelOrder`) or the last return of a delivered order (`ReturnOrderLines`).
 */
export type TransitionSource = "kitchen" | "fleet" | "cancel" | "return";

/** Every allowed move and the only source that may make it. */
const moves: Readonly<Record<OrderStatusName, Readonly<Partial<Record<OrderStatusName, TransitionSource>>>>> = {
  placed: { preparing: "kitchen", cancelled: "cancel" },
  preparing: { ready_for_dispatch: "kitchen", cancelled: "cancel" },
  ready_for_dispatch: { dispatched: "fleet", cancelled: "cancel" },
  dispatched: { en_route: "fleet", cancelled: "cancel" },
  en_route: { delivered: "fleet", cancelled: "cancel" },
  delivered: { returned: "return" },
  cancelled: {},
  returned: {},
};

const sourceLabels: Readonly<Record<TransitionSource, string>> = {
  kitchen: "by the brand with UpdateOrderStatus",
  fleet: "by Fleet delivery events",
  cancel: "with CancelOrder",
  return: "by returning every unit with ReturnOrderLines",
};

/** The outcome of {@link decideTransition}. */
export type TransitionDecision = { readonly allowed: true } | { readonly allowed: false; readonly message: string };

/** `ready_for_dispatch` → `READY_FOR_DISPATCH`, as callers know the status from the contract. */
export function statusLabel(status: OrderStatusName): string {
  return status.toUpperCase();
}

/** True when no move leaves `status` (CANCELLED, RETURNED). */
export function isFinalStatus(status: OrderStatusName): boolean {
  return Object.keys(moves[status]).length === 0;
}

/**
 * The status machine: PLACED → PREPARING → READY_FOR_DISPATCH → DISPATCHED → EN_ROUTE →
 * DELIVERED, CANCELLED from any state before DELIVERED, RETURNED after DELIVERED. Each move has one
 * source: the kitchen states are the brand's, the delivery states Fleet's, CANCELLED a
 * cancellation's and RETURNED the last return's. The refusal names the current and the requested
 * status.
 *
 * @example
 * decideTransition("placed", "preparing", "kitchen"); // { allowed: true }
 * decideTransition("placed", "delivered", "kitchen"); // { allowed: false, message: "order is PLACED ..." }
 */
export function decideTransition(
  from: OrderStatusName,
  to: OrderStatusName,
  source: TransitionSource,
): TransitionDecision {
  const required = moves[from][to];
  if (required === undefined) {
    return { allowed: false, message: `order is ${statusLabel(from)} and cannot move to ${statusLabel(to)}` };
  }
  if (required !== source) {
    return {
      allowed: false,
      message: `order is ${statusLabel(from)} and moves to ${statusLabel(to)} only ${sourceLabels[required]}`,
    };
  }
  return { allowed: true };
}

/** {@link decideTransition}, throwing a `failed_precondition` DomainError on refusal. */
export function assertTransition(from: OrderStatusName, to: OrderStatusName, source: TransitionSource): void {
  const decision = decideTransition(from, to, source);
  if (!decision.allowed) throw failedPrecondition(decision.message);
}

import type { OrderStatusName } from "./order-status.js";

/** The delivery states Fleet reports, in the order they happen. */
export type DeliveryStatus = "dispatched" | "en_route" | "delivered";

/** The statuses a delivery passes through, starting where Fleet takes over. */
const deliveryPath: readonly OrderStatusName[] = ["ready_for_dispatch", "dispatched", "en_route", "delivered"];

/** What to do with a delivery event: the moves to make, or why nothing changes. */
export type DeliveryPlan =
  | { readonly kind: "advance"; readonly steps: readonly OrderStatusName[] }
  | { readonly kind: "ignore"; readonly why: "stale" | "not_ready" | "closed" };

/**
 * The rule for Fleet's events, which may arrive late, twice or out of order: a delivery event
 * moves the order forward to at least the reported state, passing (and logging) every state it
 * skipped — EN_ROUTE seen while READY_FOR_DISPATCH also records DISPATCHED. An event reporting a
 * state the order has already reached or passed is stale and changes nothing, so the order never
 * moves backwards and a repeat changes nothing twice. A CANCELLED or RETURNED order stays as it is
 * (`closed`); an order not yet READY_FOR_DISPATCH cannot have been handed to Fleet (`not_ready`).
 *
 * @example
 * planDeliveryProgress("ready_for_dispatch", "en_route"); // advance through dispatched, en_route
 * planDeliveryProgress("en_route", "dispatched");         // ignore: stale
 */
export function planDeliveryProgress(current: OrderStatusName, reported: DeliveryStatus): DeliveryPlan {
  if (current === "cancelled" || current === "returned") return { kind: "ignore", why: "closed" };
  const from = deliveryPath.indexOf(current);
  if (from < 0) return { kind: "ignore", why: "not_ready" };
  const to = deliveryPath.indexOf(reported);
  if (to <= from) return { kind: "ignore", why: "stale" };
  return { kind: "advance", steps: deliveryPath.slice(from + 1, to + 1) };
}

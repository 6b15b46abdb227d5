import { OrderStatus } from "@waybill/sdk/orders";
import type { RoleName } from "../../session/session.js";
import type { BadgeTone } from "../../ui/index.js";

/** Words for each status, as the console shows them. */
const labels: Readonly<Record<OrderStatus, string>> = {
  [OrderStatus.UNSPECIFIED]: "—",
  [OrderStatus.PLACED]: "Placed",
  [OrderStatus.PREPARING]: "Preparing",
  [OrderStatus.READY_FOR_DISPATCH]: "Ready for dispatch",
  [OrderStatus.DISPATCHED]: "Dispatched",
  [OrderStatus.EN_ROUTE]: "En route",
  [OrderStatus.DELIVERED]: "Delivered",
  [OrderStatus.CANCELLED]: "Cancelled",
  [OrderStatus.RETURNED]: "Returned",
};

/** The label of a status: `Ready for dispatch`. */
export function statusLabel(status: OrderStatus): string {
  return labels[status] ?? "—";
}

/** The badge colour of a status: kitchen work in progress, on its way, done, or ended otherwise. */
export function statusTone(status: OrderStatus): BadgeTone {
  switch (status) {
    case OrderStatus.PLACED:
    case OrderStatus.PREPARING:
      return "warning";
    case OrderStatus.READY_FOR_DISPATCH:
    case OrderStatus.DISPATCHED:
    case OrderStatus.EN_ROUTE:
      return "info";
    case OrderStatus.DELIVERED:
      return "good";
    case OrderStatus.CANCELLED:
      return "danger";
    default:
      return "neutral";
  }
}

/** Every status a list can filter on, in the order an order lives them. */
export const listedStatuses: readonly OrderStatus[] = [
  OrderStatus.PLACED,
  OrderStatus.PREPARING,
  OrderStatus.READY_FOR_DISPATCH,
  OrderStatus.DISPATCHED,
  OrderStatus.EN_ROUTE,
  OrderStatus.DELIVERED,
  OrderStatus.CANCELLED,
  OrderStatus.RETURNED,
];

/** The columns of the board: the kitchen's statuses, then the delivery's. */
export const boardStatuses: readonly OrderStatus[] = listedStatuses.slice(0, 6);

/** The roles UpdateOrderStatus, CancelOrder and ReturnOrderLines accept (orders.proto). */
const kitchenRoles: readonly RoleName[] = ["admin", "brand", "partner"];
const cancelRoles: readonly RoleName[] = ["admin", "brand", "partner", "customer"];

/**
 * The kitchen moves (UpdateOrderStatus) a role may make from `status`, per the domain's machine
 * (services/orders/domain/order-status.ts): PLACED to PREPARING, PREPARING to READY_FOR_DISPATCH;
 * the delivery statuses are Fleet's alone.
 */
export function allowedMoves(status: OrderStatus, role: RoleName): readonly OrderStatus[] {
  if (!kitchenRoles.includes(role)) return [];
  if (status === OrderStatus.PLACED) return [OrderStatus.PREPARING];
  if (status === OrderStatus.PREPARING) return [OrderStatus.READY_FOR_DISPATCH];
  return [];
}

/** Whether a role may cancel an order in `status`: any state before DELIVERED. */
export function canCancel(status: OrderStatus, role: RoleName): boolean {
  return (
    cancelRoles.includes(role) &&
    status !== OrderStatus.UNSPECIFIED &&
    status !== OrderStatus.DELIVERED &&
    status !== OrderStatus.CANCELLED &&
    status !== OrderStatus.RETURNED
  );
}

/** Whether a role may return lines of an order in `status`: DELIVERED orders only. */
export function canReturn(status: OrderStatus, role: RoleName): boolean {
  return kitchenRoles.includes(role) && status === OrderStatus.DELIVERED;
}

/** The words of a move's button: `Start preparing`, `Mark ready for dispatch`. */
export function moveLabel(to: OrderStatus): string {
  return to === OrderStatus.PREPARING ? "Start preparing" : `Mark ${statusLabel(to).toLowerCase()}`;
}

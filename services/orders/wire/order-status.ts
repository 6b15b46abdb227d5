import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { requiredStoredName } from "../../kit/wire/index.js";
import type { OrderStatusName } from "../domain/index.js";

/** Each stored order status and its contract value. */
const orderStatusValues: Readonly<Record<OrderStatusName, OrderStatus>> = {
  placed: OrderStatus.PLACED,
  preparing: OrderStatus.PREPARING,
  ready_for_dispatch: OrderStatus.READY_FOR_DISPATCH,
  dispatched: OrderStatus.DISPATCHED,
  en_route: OrderStatus.EN_ROUTE,
  delivered: OrderStatus.DELIVERED,
  cancelled: OrderStatus.CANCELLED,
  returned: OrderStatus.RETURNED,
};

/** A stored status as the contract's `OrderStatus` (empty is UNSPECIFIED, the placement's "from"). */
export function statusToProto(status: OrderStatusName | ""): OrderStatus {
  return status === "" ? OrderStatus.UNSPECIFIED : orderStatusValues[status];
}

/** A contract `OrderStatus` as stored; UNSPECIFIED is INVALID_ARGUMENT (validation refuses it earlier). */
export function statusFromProto(status: OrderStatus): OrderStatusName {
  return requiredStoredName(orderStatusValues, status, "status");
}

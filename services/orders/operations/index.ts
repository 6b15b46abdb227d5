export { applyDeliveryEvent } from "./apply-delivery-event.js";
export { cancelOrder } from "./cancel-order.js";
export { createCustomer } from "./create-customer.js";
export { getCustomer } from "./get-customer.js";
export { getOrder } from "./get-order.js";
export { getOrderHistory } from "./get-order-history.js";
export { listOrders, type OrderPageRequest } from "./list-orders.js";
export {
  type DeliveryEventContext,
  type OrderChangeContext,
  type OrdersContext,
  type OrdersServiceOptions,
  type PlacementHook,
  type PlacementStep,
  systemActor,
} from "./orders-context.js";
export { placeOrder, placeOrderScope } from "./place-order.js";
export {
  type PlacementSweepContext,
  type PlacementSweepOptions,
  releaseAbandonedPlacements,
} from "./release-abandoned-placements.js";
export { returnOrderLines } from "./return-order-lines.js";
export { updateCustomer } from "./update-customer.js";
export { updateOrderStatus } from "./update-order-status.js";

export { assertActsForCustomer, assertOrderAccess, mayAccessOrder, scopeOrderList, type OrderListScope, type OrderOwner } from "./order-access.js";
export { orderIdFor, uuidV5 } from "./order-id.js";
export {
  assertTransition,
  decideTransition,
  isFinalStatus,
  orderStatuses,
  statusLabel,
  type OrderStatusName,
  type TransitionDecision,
  type TransitionSource,
} from "./order-status.js";
export { planDeliveryProgress, type DeliveryPlan, type DeliveryStatus } from "./delivery-progress.js";
export { planReturn, type PlannedReturnLine, type ReturnableLine, type ReturnPlan, type ReturnRequestLine } from "./plan-return.js";
export { priceOrder, type HeldLine, type PricedLine, type PricedOrder, type PricingResult, type RequestedLine } from "./price-order.js";

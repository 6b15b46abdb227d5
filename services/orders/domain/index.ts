export { customerBrandScope, customerCreatorBrand, customerNotFound, newCustomerId } from "./customer-access.js";
export { type DeliveryPlan, type DeliveryStatus, planDeliveryProgress } from "./delivery-progress.js";
export {
  assertActsForCustomer,
  assertOrderAccess,
  customerIdOf,
  mayAccessOrder,
  type OrderListScope,
  type OrderOwner,
  orderNotFound,
  scopeOrderList,
} from "./order-access.js";
export { orderIdFor, uuidV5 } from "./order-id.js";
export type { OrderListFilter, OrderSortName } from "./order-list.js";
export {
  assertTransition,
  decideTransition,
  isFinalStatus,
  type OrderStatusName,
  orderStatuses,
  statusLabel,
  type TransitionDecision,
  type TransitionSource,
} from "./order-status.js";
export {
  type PlannedReturnLine,
  planReturn,
  type ReturnableLine,
  type ReturnPlan,
  type ReturnRequestLine,
} from "./plan-return.js";
export {
  type HeldLine,
  type PricedLine,
  type PricedOrder,
  type PricingResult,
  priceOrder,
  type RequestedLine,
} from "./price-order.js";

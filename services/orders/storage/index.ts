export { belongsToBrand, findCustomerOfBrand } from "./customer-of-brand.js";
export {
  type CustomerConflict,
  type CustomerRow,
  emailTaken,
  findCustomer,
  insertCustomer,
  updateCustomer,
} from "./customers-store.js";
export { listOrders, type OrderListPosition, type OrderListQuery } from "./list-orders-store.js";
export type { OrderEvent } from "./order-event.js";
export type {
  CustomersTable,
  DeliveryAddressJson,
  OrderLinesTable,
  OrderStatusLogTable,
  OrdersDatabase,
  OrdersTable,
  PlacementState,
  PlacementsTable,
} from "./orders-database.js";
export {
  addReturnedQuantities,
  findLines,
  findOrder,
  type NewOrder,
  type OrderLineRow,
  type OrderRow,
  type OrderStatusUpdate,
  type OrderWithLines,
  setStatusSequence,
  updateOrderRow,
} from "./orders-store.js";
export { beginPlacement, forgetAnswer, type PlacementAttempt, type PlacementStart } from "./placement-store.js";
export {
  deleteFencedPlacement,
  deleteSettledPlacements,
  type FencedPlacement,
  fenceDuePlacements,
} from "./placement-sweep-store.js";
export { type Placement, recordPlacement } from "./record-placement.js";
export { type PlacementRefusal, recordRefusal } from "./record-refusal.js";
export { appendStatusLog, readStatusLog, type StatusLogRow } from "./status-log-store.js";

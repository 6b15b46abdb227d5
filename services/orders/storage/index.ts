export { emailTaken, findCustomer, insertCustomer, updateCustomer, type CustomerConflict, type CustomerRow } from "./customers-store.js";
export { listOrders, sortValueOf, type OrderListPosition, type OrderListQuery, type OrderSortColumn } from "./list-orders-store.js";
export type { CustomersTable, DeliveryAddressJson, OrderLinesTable, OrdersDatabase, OrdersTable, OrderStatusLogTable } from "./orders-database.js";
export {
  addReturnedQuantities,
  findLines,
  findOrder,
  setStatusSequence,
  updateOrderRow,
  type NewOrder,
  type OrderLineRow,
  type OrderRow,
  type OrderStatusUpdate,
  type OrderWithLines,
} from "./orders-store.js";
export type { OrderEvent } from "./order-event.js";
export { appendStatusLog, readStatusLog, type StatusLogRow } from "./status-log-store.js";
export { forgetAnswer, lookupPlacement, type PlacementLookup } from "./placement-store.js";
export { recordPlacement, type Placement } from "./record-placement.js";

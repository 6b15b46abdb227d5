/** Inventory's use cases: each opens or joins a transaction, applies the rules and writes events. */
export { adjustStock } from "./adjust-stock.js";
export {
  changeReservation,
  type ReservationChangeRequest,
  type ReservationChangeResult,
} from "./change-reservation.js";
export { confirmPlacedOrder } from "./confirm-placed-order.js";
export { createItem } from "./create-item.js";
export { getItem } from "./get-item.js";
export { getStock } from "./get-stock.js";
export type { InventoryContext, StockContext } from "./inventory-context.js";
export { type ItemListRequest, listItems } from "./list-items.js";
export { rebuildStock } from "./rebuild-stock.js";
export { releaseExpiredHold, sweeperActor } from "./release-expired-hold.js";
export { createStockHolds, type ReserveRequest, reserveStock, type StockHolds } from "./reserve-stock.js";
export { type AbortedDeliveryOutcome, returnAbortedDelivery } from "./return-aborted-delivery.js";
export { type OrderLinesReturn, returnOrderLines } from "./return-order-lines.js";
export { returnStock } from "./return-stock.js";
export { runReservationAction } from "./run-reservation-action.js";
export { type StockHistoryRequest, stockHistory } from "./stock-history.js";
export { updateItem } from "./update-item.js";
export { type WatchStockRequest, watchStock } from "./watch-stock.js";

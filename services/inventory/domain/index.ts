/** Inventory's rules and names, as plain functions and types (no I/O). */
export type { ItemListFilter, ItemSort, ItemSortKey } from "./item-sort.js";
export { itemListScope } from "./item-sort.js";
export type { ItemUpdateInput, ItemUpdatePlan, UpdatableItemField } from "./item-update.js";
export { planItemUpdate } from "./item-update.js";
export type { LedgerReasonName } from "./ledger-reason.js";
export type { LevelPoint } from "./level-as-of.js";
export { levelAsOf, levelsDiffer } from "./level-as-of.js";
export type { ReservationStatusName } from "./reservation-status.js";
export type { ReservationAction, TransitionPlan } from "./reservation-transitions.js";
export { planTransition, statusAfter, statusesAllowing } from "./reservation-transitions.js";
export type { KeyedReturn, ReturnedLineInput } from "./return-keys.js";
export { deliveryAbortedReturnKey, keyLineReturns } from "./return-keys.js";
export type { Shortage } from "./shortage.js";
export { findShortages, shortageMessage } from "./shortage.js";
export type { AlertDecision, AlertFlags } from "./stock-alerts.js";
export { decideAlerts } from "./stock-alerts.js";
export type { StockQuantity } from "./stock-lines.js";
export { compareSkus, sumStockLines } from "./stock-lines.js";

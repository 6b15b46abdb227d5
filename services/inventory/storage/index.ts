/** Inventory's SQL: the schema's tables and the queries on them. */

export { holdStockAtOnce, type StockHold, type StockHoldOutcome } from "./hold-stock.js";
export type {
  InventoryDatabase,
  ItemsTable,
  LedgerTable,
  ReservationLineRow,
  ReservationsTable,
  StockLevelsTable,
  StockReturnsTable,
  StockSnapshotsTable,
} from "./inventory-database.js";
export type { ItemCursor, ItemFilter, ItemWithStock } from "./items-store.js";
export { findItem, insertItem, listItems, updateItem } from "./items-store.js";
export type { LedgerRow, LedgerSums, ReplayedLevel, ReplayedSnapshot } from "./ledger-store.js";
export { lockLevels, overwriteLevel, pageLedger, replayLevels, replaySnapshots, sumLedger } from "./ledger-store.js";
export type { ReservationRow } from "./reservation-store.js";
export {
  claimReservation,
  findReservation,
  insertTombstone,
  lockReservation,
  moveReservation,
  releaseOneExpired,
} from "./reservation-store.js";
export { claimReturnKeys, lockOrderReturns, type OrderReturns, returnedUnitsQuery } from "./returns-store.js";
export { latestSnapshotAt, updateSnapshot } from "./snapshot-store.js";
export type { StockRecords } from "./stock-records.js";
export { writeStockRecords } from "./stock-records.js";
export type { AlertableLevel, ChangedLevel, TimedLevel } from "./stock-store.js";
export {
  applyStockDelta,
  listLevels,
  lockAlertableLevel,
  lockAvailable,
  lockLevelSet,
  setAlertFlags,
} from "./stock-store.js";

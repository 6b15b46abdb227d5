/** Mappers between Inventory's contract messages and its rows and domain names. */
export { toItem } from "./item.js";
export { itemSortOf } from "./item-sort.js";
export { ledgerReasonName, ledgerReasons, toLedgerEntry } from "./ledger-entry.js";
export { reservationStatuses, toReservation } from "./reservation.js";
export { type LevelValues, toStockLevel } from "./stock-level.js";
export { stockShortageDetail } from "./stock-shortage.js";

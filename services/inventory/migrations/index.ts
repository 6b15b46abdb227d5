import type { Migration } from "kysely";
import { itemsAndLedger } from "./0001-items-and-ledger.js";
import { reservationsAndSnapshots } from "./0002-reservations-and-snapshots.js";
import { ledgerReturnsByOrder } from "./0003-ledger-returns-by-order.js";
import { reservationTraceParent } from "./0004-reservation-trace-parent.js";

/** Migrations of the `inventory` schema, applied in key order at start (after the kit's tables). */
export const inventoryMigrations: Readonly<Record<string, Migration>> = {
  "0001-items-and-ledger": itemsAndLedger,
  "0002-reservations-and-snapshots": reservationsAndSnapshots,
  "0003-ledger-returns-by-order": ledgerReturnsByOrder,
  "0004-reservation-trace-parent": reservationTraceParent,
};

import type { ColumnType, Generated } from "kysely";
import type { IdempotencyTable } from "../../kit/idempotency/index.js";
import type { LedgerReasonName, ReservationStatusName } from "../domain/index.js";

/** `inventory.items`: the catalogue of each brand. */
export interface ItemsTable {
  readonly brand_id: string;
  readonly sku: string;
  readonly name: string;
  readonly currency_code: string;
  readonly unit_price_minor: number;
  readonly low_stock_threshold: number;
  /** Millisecond precision (a sort key of item lists). */
  readonly created_at: Generated<Date>;
  readonly updated_at: Generated<Date>;
}

/** `inventory.stock_levels`: the projection of the ledger, one row per item. */
export interface StockLevelsTable {
  readonly brand_id: string;
  readonly sku: string;
  readonly on_hand: number;
  readonly reserved: number;
  readonly ledger_sequence: number;
  /** Set when StockLow was emitted; cleared when available rises above the threshold. */
  readonly low_alerted: boolean;
  /** Set when OutOfStock was emitted; cleared with low_alerted. */
  readonly out_alerted: boolean;
  /** When the level was last written: its creation time until the first ledger entry. */
  readonly updated_at: Generated<Date>;
}

/** `inventory.ledger`: append-only changes of stock. */
export interface LedgerTable {
  readonly brand_id: string;
  readonly sku: string;
  readonly sequence: number;
  readonly delta_on_hand: number;
  readonly delta_reserved: number;
  readonly reason: LedgerReasonName;
  readonly reference: string;
  readonly actor: string;
  readonly idempotency_key: string;
  /** Millisecond precision; non-decreasing along an item's sequence. */
  readonly created_at: Generated<Date>;
}

/** `inventory.stock_snapshots`: an item's level after every N-th ledger entry. */
export interface StockSnapshotsTable {
  readonly brand_id: string;
  readonly sku: string;
  /** Sequence of the ledger entry the snapshot was taken after. */
  readonly sequence: number;
  readonly on_hand: number;
  readonly reserved: number;
  /** Time of that ledger entry. */
  readonly created_at: Date;
}

/** One SKU of a reservation, priced when the hold was made. */
export interface ReservationLineRow {
  readonly sku: string;
  /** Absent on holds made before names were kept. */
  readonly name?: string;
  readonly quantity: number;
  readonly currency_code: string;
  readonly unit_price_minor: number;
}

/** `inventory.reservations`: stock held for an order, keyed by the order id. */
export interface ReservationsTable {
  readonly order_id: string;
  readonly brand_id: string;
  readonly status: ReservationStatusName;
  /** One line per SKU, sorted by SKU. */
  readonly lines: ColumnType<readonly ReservationLineRow[], string, never>;
  /** When a HELD reservation expires; null in every other status. */
  readonly expire_at: Date | null;
  /** The `traceparent` of the request that held it: the sweeper's release continues that trace. */
  readonly trace_parent: ColumnType<string | null, string | null | undefined, string | null>;
  readonly created_at: Generated<Date>;
  readonly updated_at: Generated<Date>;
}

/** `inventory.stock_returns`: returns already put back on hand, by order and return key. */
export interface StockReturnsTable {
  readonly order_id: string;
  readonly return_key: string;
  readonly created_at: Generated<Date>;
}

/** The tables of the `inventory` schema, for kysely. */
export interface InventoryDatabase {
  items: ItemsTable;
  stock_levels: StockLevelsTable;
  ledger: LedgerTable;
  stock_snapshots: StockSnapshotsTable;
  reservations: ReservationsTable;
  stock_returns: StockReturnsTable;
  idempotency: IdempotencyTable;
}

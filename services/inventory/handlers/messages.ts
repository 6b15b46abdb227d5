import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  type Item,
  ItemSchema,
  type LedgerEntry,
  LedgerEntrySchema,
  LedgerReason,
  type Reservation,
  ReservationSchema,
  ReservationStatus,
  type StockLevel,
  StockLevelSchema,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Selectable } from "kysely";
import type { LedgerTable, ReservationStatusName } from "../storage/inventory-database.js";
import type { ItemWithStock } from "../storage/items-store.js";
import type { ReservationRow } from "../storage/reservation-store.js";

/** Ledger reasons as stored (lower-case names of `LedgerReason`). */
export type LedgerReasonName = "restock" | "adjustment" | "reserve" | "release" | "commit" | "return";

const reasonByName: Readonly<Record<LedgerReasonName, LedgerReason>> = {
  restock: LedgerReason.RESTOCK,
  adjustment: LedgerReason.ADJUSTMENT,
  reserve: LedgerReason.RESERVE,
  release: LedgerReason.RELEASE,
  commit: LedgerReason.COMMIT,
  return: LedgerReason.RETURN,
};

const statusByName: Readonly<Record<ReservationStatusName, ReservationStatus>> = {
  held: ReservationStatus.HELD,
  confirmed: ReservationStatus.CONFIRMED,
  released: ReservationStatus.RELEASED,
  committed: ReservationStatus.COMMITTED,
};

/** The stored name of a ledger reason. */
export function reasonName(reason: LedgerReason): LedgerReasonName {
  const entry = Object.entries(reasonByName).find(([, value]) => value === reason);
  if (!entry) throw new RangeError(`no stored name for ledger reason ${reason}`);
  return entry[0] as LedgerReasonName;
}

/** A stock level row (or the level part of an item row) as a `StockLevel` message. */
export function toStockLevel(row: {
  readonly brand_id: string;
  readonly sku: string;
  readonly on_hand: number;
  readonly reserved: number;
  readonly ledger_sequence: number;
  readonly updated_at: Date;
}): StockLevel {
  return create(StockLevelSchema, {
    brandId: row.brand_id,
    sku: row.sku,
    onHand: BigInt(row.on_hand),
    reserved: BigInt(row.reserved),
    available: BigInt(row.on_hand - row.reserved),
    ledgerSequence: BigInt(row.ledger_sequence),
    asOfTime: timestampFromDate(row.updated_at),
  });
}

/** An item row joined with its level as an `Item` message. */
export function toItem(row: ItemWithStock): Item {
  return create(ItemSchema, {
    brandId: row.brand_id,
    sku: row.sku,
    name: row.name,
    unitPrice: { currencyCode: row.currency_code, minorUnits: BigInt(row.unit_price_minor) },
    lowStockThreshold: BigInt(row.low_stock_threshold),
    stock: toStockLevel(row),
    createTime: timestampFromDate(row.created_at),
    updateTime: timestampFromDate(row.updated_at),
  });
}

/** A ledger row as a `LedgerEntry` message. */
export function toLedgerEntry(row: Selectable<LedgerTable>): LedgerEntry {
  return create(LedgerEntrySchema, {
    sequence: BigInt(row.sequence),
    brandId: row.brand_id,
    sku: row.sku,
    deltaOnHand: BigInt(row.delta_on_hand),
    deltaReserved: BigInt(row.delta_reserved),
    reason: reasonByName[row.reason as LedgerReasonName] ?? LedgerReason.UNSPECIFIED,
    reference: row.reference,
    actor: row.actor,
    idempotencyKey: row.idempotency_key,
    createTime: timestampFromDate(row.created_at),
  });
}

/** A reservation row as a `Reservation` message. */
export function toReservation(row: ReservationRow): Reservation {
  return create(ReservationSchema, {
    orderId: row.order_id,
    brandId: row.brand_id,
    status: statusByName[row.status],
    lines: row.lines.map((line) => ({
      sku: line.sku,
      name: line.name ?? "",
      quantity: BigInt(line.quantity),
      unitPrice: { currencyCode: line.currency_code, minorUnits: BigInt(line.unit_price_minor) },
    })),
    ...(row.expire_at ? { expireTime: timestampFromDate(row.expire_at) } : {}),
  });
}

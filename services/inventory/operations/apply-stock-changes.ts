import { create } from "@bufbuild/protobuf";
import { StockChangedSchema } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import type { LedgerEntry, StockLevel } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Kysely } from "kysely";
import { compareSkus, type LedgerReasonName } from "../domain/index.js";
import {
  applyStockDelta,
  type ChangedLevel,
  type InventoryDatabase,
  type StockRecords,
  writeStockRecords,
} from "../storage/index.js";
import { toLedgerEntry, toStockLevel } from "../wire/index.js";
import type { StockContext } from "./inventory-context.js";
import { type InventoryEvent, inventoryEvent, itemTarget } from "./inventory-event.js";
import { stockAlerts } from "./stock-alerts.js";

/** One change of one item's stock, as it will stand in the ledger. */
export interface StockChange {
  readonly brandId: string;
  readonly sku: string;
  readonly deltaOnHand: number;
  readonly deltaReserved: number;
  readonly reason: LedgerReasonName;
  readonly reference: string;
  readonly actor: string;
  readonly idempotencyKey: string;
}

/** A change as applied: the level after it and its ledger entry. */
export interface AppliedStockChange {
  readonly stock: StockLevel;
  readonly entry: LedgerEntry;
}

/**
 * Called when a change would take available or reserved below zero, or names no item, with that
 * change and the ones not yet applied after it (in lock order). It throws to abandon the
 * transaction; returning means the cause is gone (e.g. the caller locked the rows and found
 * enough stock) and the change is tried once more.
 */
export type RefusalHandler = (refused: StockChange, remaining: readonly StockChange[]) => Promise<void>;

/**
 * The caller's one event for all the changes, built from them (e.g. ReservationChanged with the
 * levels after a release): given, no StockChanged is published per change.
 */
export type CombinedEvent = (applied: readonly AppliedStockChange[]) => InventoryEvent;

/**
 * Applies changes inside the caller's transaction, touching items in (brand, SKU) order so that
 * concurrent multi-item changes cannot deadlock: one conditional level update per item, then one
 * statement appending all ledger entries, a snapshot for every item whose sequence reached a
 * multiple of `snapshotEvery`, and the events — StockChanged per change (or the caller's
 * {@link CombinedEvent} for all of them), StockLow and OutOfStock on a crossing (with their
 * flags), and the caller's `events` — to the outbox.
 */
export async function applyStockChanges(
  trx: Kysely<InventoryDatabase>,
  ctx: StockContext,
  changes: readonly StockChange[],
  onRefused: RefusalHandler,
  events: readonly InventoryEvent[] | CombinedEvent = [],
): Promise<readonly AppliedStockChange[]> {
  const ordered = [...changes].sort((a, b) => compareSkus(a.brandId, b.brandId) || compareSkus(a.sku, b.sku));
  const applied: { readonly change: StockChange; readonly level: ChangedLevel }[] = [];
  let retried = -1;
  for (const [index, change] of ordered.entries()) {
    for (;;) {
      const level = await applyStockDelta(
        trx,
        change.brandId,
        change.sku,
        change.deltaOnHand,
        change.deltaReserved,
        ctx.now(),
      );
      if (level) {
        applied.push({ change, level });
        break;
      }
      if (retried === index)
        throw new Error(`stock change of ${change.brandId}/${change.sku} refused again after its refusal was handled`);
      await onRefused(change, ordered.slice(index));
      retried = index;
    }
  }

  const entries = applied.map(({ change, level }) => ({ level, row: ledgerRow(change, level) }));
  const results: AppliedStockChange[] = [];
  const batchEvents: InventoryEvent[] = [];
  for (const { level, row } of entries) {
    const stock = toStockLevel(level, level.changed_at);
    const entry = toLedgerEntry(row);
    results.push({ stock, entry });
    if (typeof events !== "function") {
      const target = itemTarget(level.brand_id, level.sku);
      batchEvents.push(inventoryEvent(StockChangedSchema, create(StockChangedSchema, { entry, stock }), target));
    }
    batchEvents.push(...(await stockAlerts(trx, level, stock)));
  }
  const callerEvents = typeof events === "function" ? [events(results)] : events;
  await writeStockRecords(trx, ctx.outbox, {
    ledger: entries.map(({ row }) => row),
    snapshots: applied
      .filter(({ level }) => level.ledger_sequence % ctx.snapshotEvery === 0)
      .map(({ level }) => ({
        brand_id: level.brand_id,
        sku: level.sku,
        sequence: level.ledger_sequence,
        on_hand: level.on_hand,
        reserved: level.reserved,
        created_at: level.changed_at,
      })),
    events: [...batchEvents, ...callerEvents],
  });
  return results;
}

/** The ledger entry of a change, numbered and timed by its level update. */
function ledgerRow(change: StockChange, level: ChangedLevel): StockRecords["ledger"][number] {
  return {
    brand_id: change.brandId,
    sku: change.sku,
    sequence: level.ledger_sequence,
    delta_on_hand: change.deltaOnHand,
    delta_reserved: change.deltaReserved,
    reason: change.reason,
    reference: change.reference,
    actor: change.actor,
    idempotency_key: change.idempotencyKey,
    created_at: level.changed_at,
  };
}

import { create } from "@bufbuild/protobuf";
import {
  OutOfStockSchema,
  StockChangedSchema,
  StockLowSchema,
} from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import type { LedgerEntry, StockLevel } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Kysely } from "kysely";
import { decideAlerts } from "../domain/stock-alerts.js";
import { compareSkus } from "../domain/stock-lines.js";
import { type LedgerReasonName, toLedgerEntry, toStockLevel } from "../handlers/messages.js";
import { type InventoryEvent, inventoryEvent } from "../storage/event-outbox.js";
import type { InventoryDatabase } from "../storage/inventory-database.js";
import { writeStockRecords } from "../storage/stock-records.js";
import { applyStockDelta, type ChangedLevel, setAlertFlags } from "../storage/stock-store.js";
import type { InventoryContext } from "./inventory-context.js";

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
 * Applies changes inside the caller's transaction, touching items in (brand, SKU) order so that
 * concurrent multi-item changes cannot deadlock: one conditional level update per item, then one
 * statement appending all ledger entries, a snapshot for every item whose sequence reached a
 * multiple of `snapshotEvery`, and the events — StockChanged per change, StockLow and OutOfStock
 * on a crossing (with their flags), and the caller's `events` — to the outbox.
 */
export async function applyStockChanges(
  trx: Kysely<InventoryDatabase>,
  ctx: Pick<InventoryContext, "snapshotEvery" | "events">,
  changes: readonly StockChange[],
  onRefused: RefusalHandler,
  events: readonly InventoryEvent[] = [],
): Promise<readonly AppliedStockChange[]> {
  const ordered = [...changes].sort((a, b) => compareSkus(a.brandId, b.brandId) || compareSkus(a.sku, b.sku));
  const levels: ChangedLevel[] = [];
  let retried = -1;
  for (let index = 0; index < ordered.length; ) {
    const change = ordered[index]!;
    const level = await applyStockDelta(trx, change.brandId, change.sku, change.deltaOnHand, change.deltaReserved);
    if (level) {
      levels.push(level);
      index++;
      continue;
    }
    if (retried === index)
      throw new Error(`stock change of ${change.brandId}/${change.sku} refused again after its refusal was handled`);
    await onRefused(change, ordered.slice(index));
    retried = index;
  }

  const ledger = ordered.map((change, index) => ({
    brand_id: change.brandId,
    sku: change.sku,
    sequence: levels[index]!.ledger_sequence,
    delta_on_hand: change.deltaOnHand,
    delta_reserved: change.deltaReserved,
    reason: change.reason,
    reference: change.reference,
    actor: change.actor,
    idempotency_key: change.idempotencyKey,
    created_at: levels[index]!.changed_at,
  }));
  const applied: AppliedStockChange[] = [];
  const batchEvents: InventoryEvent[] = [];
  for (const [index, level] of levels.entries()) {
    const stock = toStockLevel({ ...level, updated_at: level.changed_at });
    const entry = toLedgerEntry(ledger[index]!);
    applied.push({ stock, entry });
    const target = { aggregateId: `${level.brand_id}/${level.sku}`, tenant: level.brand_id };
    batchEvents.push(inventoryEvent(StockChangedSchema, create(StockChangedSchema, { entry, stock }), target));
    const decision = decideAlerts(
      { lowAlerted: level.low_alerted, outAlerted: level.out_alerted },
      level.on_hand - level.reserved,
      level.low_stock_threshold,
    );
    if (decision.flags.lowAlerted !== level.low_alerted || decision.flags.outAlerted !== level.out_alerted) {
      await setAlertFlags(trx, level.brand_id, level.sku, decision.flags);
    }
    if (decision.stockLow) {
      const payload = create(StockLowSchema, {
        stock,
        lowStockThreshold: BigInt(level.low_stock_threshold),
        name: level.name,
      });
      batchEvents.push(inventoryEvent(StockLowSchema, payload, target));
    }
    if (decision.outOfStock)
      batchEvents.push(inventoryEvent(OutOfStockSchema, create(OutOfStockSchema, { stock, name: level.name }), target));
  }
  await writeStockRecords(trx, {
    ledger,
    snapshots: levels
      .filter((level) => level.ledger_sequence % ctx.snapshotEvery === 0)
      .map((level) => ({
        brand_id: level.brand_id,
        sku: level.sku,
        sequence: level.ledger_sequence,
        on_hand: level.on_hand,
        reserved: level.reserved,
        created_at: level.changed_at,
      })),
    outbox: ctx.events.insert([...batchEvents, ...events]),
    notify: ctx.events.notify,
  });
  return applied;
}

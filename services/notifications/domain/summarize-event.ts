import { isMessage, type Message } from "@bufbuild/protobuf";
import { ItemCreatedSchema, OutOfStockSchema, StockChangedSchema, StockLowSchema } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";

/** What an activity entry says about an event. */
export interface ActivitySummary {
  readonly summary: string;
  readonly customerId?: string;
  readonly orderId?: string;
}

const reasonWords: Readonly<Partial<Record<LedgerReason, string>>> = {
  [LedgerReason.RESTOCK]: "restocked",
  [LedgerReason.ADJUSTMENT]: "adjusted",
  [LedgerReason.RETURN]: "returned",
};

const feedReasons: ReadonlySet<LedgerReason> = new Set([LedgerReason.RESTOCK, LedgerReason.ADJUSTMENT, LedgerReason.RETURN]);

function signed(value: bigint): string {
  return value > 0n ? `+${value}` : String(value);
}

/**
 * One human-readable line for an event of the activity feed, or `undefined` for events the feed
 * does not show.
 *
 * @example
 * summarizeEvent(stockChanged) // => { summary: "MUG-1 restocked +20 (available 20)" }
 */
export function summarizeEvent(payload: Message): ActivitySummary | undefined {
  if (isMessage(payload, StockChangedSchema)) {
    const entry = payload.entry;
    const stock = payload.stock;
    // Holds and their release or dispatch show in the feed as order activity, not as stock noise.
    if (!entry || !stock || !feedReasons.has(entry.reason)) return undefined;
    const delta = entry.deltaOnHand !== 0n ? entry.deltaOnHand : entry.deltaReserved;
    return { summary: `${entry.sku} ${reasonWords[entry.reason] ?? "changed"} ${signed(delta)} (available ${stock.available})` };
  }
  if (isMessage(payload, ItemCreatedSchema)) return { summary: `${payload.sku} added to the catalogue as ${payload.name}` };
  if (isMessage(payload, StockLowSchema)) {
    return { summary: `${payload.stock?.sku} is low on stock (${payload.stock?.available} left, threshold ${payload.lowStockThreshold})` };
  }
  if (isMessage(payload, OutOfStockSchema)) return { summary: `${payload.stock?.sku} is out of stock` };
  return undefined;
}

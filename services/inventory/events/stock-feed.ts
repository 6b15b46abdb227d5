import {
  type ReservationChanged,
  ReservationChangedSchema,
  type StockChanged,
  StockChangedSchema,
} from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import type { EventFeed, ServiceEvents } from "../../kit/events/index.js";
import type { InventoryDatabase } from "../storage/index.js";

/**
 * The process's live feed of level changes from every replica: StockChanged (one ledger entry)
 * and ReservationChanged (the levels of every SKU a hold, release or commit moved).
 */
export type StockFeed = EventFeed<StockChanged | ReservationChanged>;

/** Opens {@link StockFeed} over the inventory stream; WatchStock's watchers share it. */
export function createStockFeed(events: ServiceEvents<InventoryDatabase>): StockFeed {
  return events.feed({ from: "inventory", schemas: [StockChangedSchema, ReservationChangedSchema] });
}

import { file_waybill_inventory_v1_events } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { defineService, type ServiceDeps, type ServiceInstance } from "../kit/app/index.js";
import { createFleetEventsConsumer } from "./events/fleet-events-consumer.js";
import { createOrderEventsConsumer } from "./events/order-events-consumer.js";
import { createStockFeed } from "./events/stock-feed.js";
import { createInventoryHandlers } from "./handlers/inventory-handlers.js";
import { inventoryMigrations } from "./migrations/index.js";
import type { InventoryContext } from "./operations/inventory-context.js";
import { type InventorySettings, inventorySettings } from "./settings.js";
import { createEventOutbox } from "./storage/event-outbox.js";
import type { InventoryDatabase } from "./storage/inventory-database.js";
import { inventorySchema } from "./storage/schema-table.js";
import { createExpirySweeper } from "./workers/expiry-sweeper.js";

/** What Inventory is built from. */
export type InventoryDeps = ServiceDeps<InventorySettings, InventoryDatabase>;

/**
 * Builds Inventory: items of each brand and their stock, kept as an append-only ledger with levels
 * as its projection and periodic snapshots; reservations for orders with an expiry sweeper;
 * reactions to order and delivery events; live levels streamed from the inventory events.
 */
export function createInventoryService(deps: InventoryDeps): ServiceInstance {
  const { db, outbox, events, settings, logger, shutdownSignal } = deps;
  const ctx: InventoryContext = {
    db,
    events: createEventOutbox({ schema: inventorySchema, outbox }),
    snapshotEvery: settings.snapshotEvery,
    reservationTtlMs: settings.reservationTtlMs,
    logger,
  };
  const feed = createStockFeed(events);
  return {
    implementation: createInventoryHandlers({ ctx, feed, shutdownSignal }),
    workers: [
      createExpirySweeper(ctx, { intervalMs: settings.reservationSweepMs }),
      createOrderEventsConsumer(ctx, events),
      createFleetEventsConsumer(ctx, events),
      { start: async () => undefined, stop: () => feed.stop() },
    ],
  };
}

/** Inventory as Waybill runs it. */
export const inventoryService = defineService({
  name: "inventory",
  descriptor: InventoryService,
  events: file_waybill_inventory_v1_events,
  migrations: inventoryMigrations,
  settings: inventorySettings,
  create: createInventoryService,
});

import { file_waybill_inventory_v1_events } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { defineService, type ServiceDeps, type ServiceInstance } from "../kit/app/index.js";
import { createFleetEventsConsumer, createOrderEventsConsumer, createStockFeed } from "./events/index.js";
import { createInventoryHandlers } from "./handlers/index.js";
import { inventoryMigrations } from "./migrations/index.js";
import { createStockHolds, type InventoryContext } from "./operations/index.js";
import { type InventorySettings, inventorySettings } from "./settings.js";
import type { InventoryDatabase } from "./storage/index.js";
import { createExpirySweeper } from "./workers/index.js";
import { createReservationMetrics } from "./workers/reservation-metrics.js";

/** What Inventory is built from. */
export type InventoryDeps = ServiceDeps<InventorySettings, InventoryDatabase>;

/**
 * Builds Inventory: items of each brand and their stock, kept as an append-only ledger with levels
 * as its projection and periodic snapshots; reservations for orders with an expiry sweeper;
 * reactions to order and delivery events; live levels streamed from the inventory events.
 */
export function createInventoryService(deps: InventoryDeps): ServiceInstance {
  const { db, outbox, events, settings, now, logger, shutdownSignal } = deps;
  const stockFeed = createStockFeed(events);
  const holds = createStockHolds(
    { db, outbox, now, snapshotEvery: settings.snapshotEvery },
    { maxBatch: settings.reserveBatchMax },
  );
  const ctx: InventoryContext = {
    db,
    outbox,
    now,
    logger,
    holds,
    snapshotEvery: settings.snapshotEvery,
    reservationTtlMs: settings.reservationTtlMs,
    stockFeed,
    shutdownSignal,
  };
  return {
    implementation: createInventoryHandlers(ctx),
    workers: [
      createExpirySweeper(ctx, { intervalMs: settings.reservationSweepMs }),
      createOrderEventsConsumer(ctx, events),
      createFleetEventsConsumer(ctx, events),
      { start: async () => undefined, stop: () => stockFeed.stop() },
      createReservationMetrics(ctx),
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

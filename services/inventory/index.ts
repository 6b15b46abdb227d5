import { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { ServiceDefinition } from "../kit/app/index.js";
import { createFleetEventsConsumer } from "./events/fleet-events-consumer.js";
import { createOrderEventsConsumer } from "./events/order-events-consumer.js";
import { createStockFeed } from "./events/stock-feed.js";
import { createInventoryHandlers } from "./handlers/inventory-handlers.js";
import { inventoryMigrations } from "./migrations/index.js";
import type { InventoryContext } from "./operations/inventory-context.js";
import { createEventOutbox } from "./storage/event-outbox.js";
import { inventorySchema } from "./storage/schema-table.js";
import { createExpirySweeper } from "./workers/expiry-sweeper.js";

/**
 * Inventory: items of each brand and their stock, kept as an append-only ledger with levels as
 * its projection and periodic snapshots; reservations for orders with an expiry sweeper;
 * reactions to order and delivery events; live levels streamed from the inventory events.
 */
export const inventoryService: ServiceDefinition = {
  name: "inventory",
  descriptor: InventoryService,
  migrations: inventoryMigrations,
  create({ db, js, jsm, config, outbox, logger, shutdownSignal }) {
    const ctx: InventoryContext = {
      db,
      events: createEventOutbox({ schema: inventorySchema, outbox }),
      snapshotEvery: config.stockSnapshotEvery,
      reservationTtlMs: config.reservationTtlMs,
      logger,
    };
    const consumerDeps = { js, jsm, prefix: config.eventPrefix };
    const feed = createStockFeed({ js, jsm, prefix: config.eventPrefix, logger });
    return {
      implementation: createInventoryHandlers({ ctx, feed, shutdownSignal }),
      workers: [
        createExpirySweeper(ctx, { intervalMs: config.reservationSweepMs }),
        createOrderEventsConsumer(ctx, consumerDeps),
        createFleetEventsConsumer(ctx, consumerDeps),
        { start: async () => undefined, stop: () => feed.stop() },
      ],
    };
  },
};

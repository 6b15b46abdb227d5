import { OrderService } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Kysely } from "kysely";
import { createEventRegistry, type ServiceDefinition } from "../kit/app/index.js";
import { createFleetConsumer } from "./events/index.js";
import { createOrderServiceHandlers } from "./handlers/index.js";
import { ordersMigrations } from "./migrations/index.js";
import type { OrdersServiceOptions } from "./operations/index.js";
import type { OrdersDatabase } from "./storage/index.js";

export type { OrdersServiceOptions } from "./operations/index.js";

/**
 * Builds the Orders service definition: customers, orders placed against Inventory's holds, the
 * status machine with its log and events, and the consumer of Fleet's delivery events. `options`
 * carries test hooks only; production uses {@link ordersService}.
 *
 * @example
 * const orders = createOrdersService({ afterReserve: () => { throw new Error("killed") } });
 * await startTestWaybill({ definitions: [inventoryService, orders] });
 */
export function createOrdersService(options: OrdersServiceOptions = {}): ServiceDefinition {
  return {
    name: "orders",
    descriptor: OrderService,
    migrations: ordersMigrations,
    create({ db, js, jsm, config, clients, outbox, logger }) {
      const database = db as Kysely<OrdersDatabase>;
      const ctx = { ...options, db: database, outbox, inventory: clients.inventory, logger };
      const fleet = createFleetConsumer({
        db: database,
        js,
        jsm,
        registry: createEventRegistry(),
        prefix: config.eventPrefix,
        outbox,
        logger,
      });
      return { implementation: createOrderServiceHandlers(ctx), workers: [fleet] };
    },
  };
}

/** Orders as Waybill runs it. */
export const ordersService: ServiceDefinition = createOrdersService();

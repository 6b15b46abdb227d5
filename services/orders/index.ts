import { file_waybill_orders_v1_events } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import { OrderService } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { defineService, type ServiceDeps, type ServiceInstance } from "../kit/app/index.js";
import { createFleetConsumer } from "./events/index.js";
import { createOrderServiceHandlers } from "./handlers/index.js";
import { ordersMigrations } from "./migrations/index.js";
import type { OrdersContext, OrdersServiceOptions } from "./operations/index.js";
import { type OrdersSettings, ordersSettings } from "./settings.js";
import type { OrdersDatabase } from "./storage/index.js";

export type { OrdersServiceOptions } from "./operations/index.js";

/** What Orders is built from: the kit's dependencies and, in tests, its hooks. */
export type OrdersDeps = ServiceDeps<OrdersSettings, OrdersDatabase> & OrdersServiceOptions;

/**
 * Builds Orders: customers, orders placed against Inventory's holds, the status machine with its
 * log and events, and the consumer of Fleet's delivery events.
 */
export function createOrdersService(deps: OrdersDeps): ServiceInstance {
  const { db, outbox, events, clients, now, logger } = deps;
  const ctx: OrdersContext = {
    ...(deps.afterReserve ? { afterReserve: deps.afterReserve } : {}),
    db,
    outbox,
    inventory: clients.inventory,
    now,
    logger,
  };
  return {
    implementation: createOrderServiceHandlers(ctx),
    workers: [createFleetConsumer(events, ctx)],
  };
}

/**
 * Orders with test hooks (none in production).
 *
 * @example
 * await startTestWaybill({ definitions: [inventoryService, ordersServiceWith({ afterReserve: () => { throw new Error("killed") } })] });
 */
export function ordersServiceWith(hooks: OrdersServiceOptions) {
  return defineService({
    name: "orders",
    descriptor: OrderService,
    events: file_waybill_orders_v1_events,
    migrations: ordersMigrations,
    settings: ordersSettings,
    create: (deps: ServiceDeps<OrdersSettings, OrdersDatabase>) => createOrdersService({ ...deps, ...hooks }),
  });
}

/** Orders as Waybill runs it. */
export const ordersService = ordersServiceWith({});

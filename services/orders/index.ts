import { ApiKeyService } from "@waybill/contracts/waybill/access/v1/api_keys_pb.js";
import { file_waybill_orders_v1_events } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import { OrderService } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { createApiKeyHandlers } from "../kit/api-keys/index.js";
import { defineService, type ServiceDeps, type ServiceInstance } from "../kit/app/index.js";
import { createFleetConsumer } from "./events/index.js";
import { createOrderServiceHandlers } from "./handlers/index.js";
import { ordersMigrations } from "./migrations/index.js";
import type { OrdersContext, OrdersServiceOptions } from "./operations/index.js";
import { type OrdersSettings, ordersSettings } from "./settings.js";
import type { OrdersDatabase } from "./storage/index.js";
import { createPlacementSweeper } from "./workers/index.js";

export type { OrdersServiceOptions, PlacementHook, PlacementStep } from "./operations/index.js";

/** What Orders is built from: the kit's dependencies and, in tests, its hooks. */
export type OrdersDeps = ServiceDeps<OrdersSettings, OrdersDatabase> & OrdersServiceOptions;

/**
 * Builds Orders: customers, orders placed against Inventory's holds, the status machine with its
 * log and events, the consumer of Fleet's delivery events, and the sweeper releasing the holds of
 * abandoned placements. It also serves `ApiKeyService`, the partner's front door for its keys
 * (kept by the kit in the `access` schema, which every service verifies keys against).
 */
export function createOrdersService(deps: OrdersDeps): ServiceInstance {
  const { db, outbox, events, clients, now, logger, settings } = deps;
  const hooks: OrdersServiceOptions = {
    ...(deps.beforeReserve ? { beforeReserve: deps.beforeReserve } : {}),
    ...(deps.afterReserve ? { afterReserve: deps.afterReserve } : {}),
    ...(deps.beforeRecord ? { beforeRecord: deps.beforeRecord } : {}),
    ...(deps.afterRecord ? { afterRecord: deps.afterRecord } : {}),
    ...(deps.placementSettled ? { placementSettled: deps.placementSettled } : {}),
  };
  const ctx: OrdersContext = {
    ...hooks,
    db,
    outbox,
    inventory: clients.inventory,
    now,
    logger,
    placeOrderDeadlineMs: settings.placeOrderDeadlineMs,
    holdClockMarginMs: settings.holdClockMarginMs,
  };
  return {
    implementation: createOrderServiceHandlers(ctx),
    services: [{ descriptor: ApiKeyService, implementation: createApiKeyHandlers(deps.apiKeys) }],
    workers: [
      createFleetConsumer(events, ctx),
      createPlacementSweeper(ctx, { intervalMs: settings.placementSweepMs, graceMs: settings.placementGraceMs }),
    ],
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

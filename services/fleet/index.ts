import { file_waybill_fleet_v1_events } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import { FleetService } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { defineService, type ServiceDeps, type ServiceInstance } from "../kit/app/index.js";
import { createFlightPlan } from "./domain/index.js";
import { createFleetFeed, createOrdersConsumer } from "./events/index.js";
import { createFleetHandlers } from "./handlers/index.js";
import { fleetMigrations } from "./migrations/index.js";
import type { FleetContext } from "./operations/index.js";
import { type FleetSettings, fleetSettings } from "./settings.js";
import type { FleetDatabase } from "./storage/index.js";
import { createFlightClock } from "./workers/index.js";
import { createQueueMetrics } from "./workers/queue-metrics.js";

/** What Fleet is built from. */
export type FleetDeps = ServiceDeps<FleetSettings, FleetDatabase>;

/**
 * Builds Fleet: couriers and drones, zone queues with least-loaded assignment, simulated drone
 * flights driven by persisted due times, rider reports, and the consumer of the order events that
 * start and stop deliveries.
 */
export function createFleetService(deps: FleetDeps): ServiceInstance {
  const { db, outbox, events, settings, logger, now, shutdownSignal } = deps;
  const feed = createFleetFeed(events);
  const ctx: FleetContext = {
    db,
    outbox,
    plan: createFlightPlan({
      timeScale: settings.timeScale,
      travelMs: settings.travelMs,
      zoneTravelMs: settings.zoneTravelMs,
      loadMs: settings.loadMs,
    }),
    now,
    logger,
    feed,
    shutdownSignal,
  };
  return {
    implementation: createFleetHandlers(ctx),
    workers: [
      createOrdersConsumer(ctx, events),
      createFlightClock(ctx, { intervalMs: settings.tickMs }),
      { start: async () => undefined, stop: () => feed.stop() },
      createQueueMetrics(ctx),
    ],
  };
}

/** Fleet as Waybill runs it. */
export const fleetService = defineService({
  name: "fleet",
  descriptor: FleetService,
  events: file_waybill_fleet_v1_events,
  migrations: fleetMigrations,
  settings: fleetSettings,
  create: createFleetService,
});

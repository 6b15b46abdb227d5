import { file_waybill_fleet_v1_events } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import { FleetService } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { defineService, type ServiceDeps, type ServiceInstance } from "../kit/app/index.js";
import { createFlightPlan } from "./domain/index.js";
import { createFleetFeed } from "./events/fleet-feed.js";
import { createOrdersConsumer } from "./events/orders-consumer.js";
import { createFleetHandlers } from "./handlers/index.js";
import { fleetMigrations } from "./migrations/index.js";
import type { FleetContext } from "./operations/fleet-context.js";
import { type FleetSettings, fleetSettings } from "./settings.js";
import type { FleetDatabase } from "./storage/index.js";
import { createFlightClock } from "./workers/flight-clock.js";

/** What Fleet is built from. */
export type FleetDeps = ServiceDeps<FleetSettings, FleetDatabase>;

/**
 * Builds Fleet: couriers and drones, zone queues with least-loaded assignment, simulated drone
 * flights driven by persisted due times, rider reports, and the consumer of the order events that
 * start and stop deliveries.
 */
export function createFleetService(deps: FleetDeps): ServiceInstance {
  const { db, outbox, events, settings, logger, now, shutdownSignal } = deps;
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
  };
  const feed = createFleetFeed(events);
  return {
    implementation: createFleetHandlers({ ctx, feed, shutdownSignal }),
    workers: [
      createOrdersConsumer(ctx, events),
      createFlightClock(ctx, { intervalMs: settings.tickMs }),
      { start: async () => undefined, stop: () => feed.stop() },
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

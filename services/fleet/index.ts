import { FleetService } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import type { Kysely } from "kysely";
import type { ServiceDefinition } from "../kit/app/index.js";
import { createFlightPlan } from "./domain/index.js";
import { createFleetFeed } from "./events/fleet-feed.js";
import { createOrdersConsumer } from "./events/orders-consumer.js";
import { createFleetHandlers } from "./handlers/index.js";
import { fleetMigrations } from "./migrations/index.js";
import type { FleetContext } from "./operations/fleet-context.js";
import type { FleetDatabase } from "./storage/index.js";
import { createFlightClock } from "./workers/flight-clock.js";

/** Test hooks of the Fleet service; none in production. */
export interface FleetServiceOptions {
  /** The clock of every time Fleet writes and compares (default: the system clock). */
  readonly now?: () => Date;
}

/**
 * Builds the Fleet service definition: couriers and drones, zone queues with least-loaded
 * assignment, simulated drone flights driven by persisted due times, rider reports, and the
 * consumer of the order events that start and stop deliveries.
 *
 * @example
 * await startTestWaybill({ definitions: [createFleetService()], env: { FLEET_TIME_SCALE: "0.001" } });
 */
export function createFleetService(options: FleetServiceOptions = {}): ServiceDefinition {
  return {
    name: "fleet",
    descriptor: FleetService,
    migrations: fleetMigrations,
    create({ db, js, jsm, config, outbox, logger, shutdownSignal }) {
      const ctx: FleetContext = {
        db: db as Kysely<FleetDatabase>,
        outbox,
        plan: createFlightPlan({
          timeScale: config.fleetTimeScale,
          travelMs: config.fleetTravelMs,
          zoneTravelMs: config.fleetZoneTravelMs,
          loadMs: config.fleetLoadMs,
        }),
        now: options.now ?? (() => new Date()),
        logger,
      };
      const feed = createFleetFeed({ js, jsm, prefix: config.eventPrefix, logger });
      return {
        implementation: createFleetHandlers({ ctx, feed, shutdownSignal }),
        workers: [
          createOrdersConsumer(ctx, { js, jsm, prefix: config.eventPrefix }),
          createFlightClock(ctx, { intervalMs: config.fleetTickMs }),
          { start: async () => undefined, stop: () => feed.stop() },
        ],
      };
    },
  };
}

/** Fleet as Waybill runs it. */
export const fleetService: ServiceDefinition = createFleetService();

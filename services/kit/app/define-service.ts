import type { Kysely } from "kysely";
import { createOutbox, createServiceEvents } from "../events/index.js";
import { usePageTokenSecret } from "../pagination/index.js";
import type { ServiceDefinition, ServiceSpec } from "./service-definition.js";

/**
 * Turns a service's typed spec into the {@link ServiceDefinition} the app runs: at start it reads
 * the service's settings, scopes the database to the service's schema, creates its outbox and
 * event factory, registers the page-token key, and calls `create` with them.
 *
 * @example
 * export const fleetService = defineService({
 *   name: "fleet", descriptor: FleetService, events: file_waybill_fleet_v1_events,
 *   migrations: fleetMigrations, settings: fleetSettings, create: createFleetService,
 * });
 */
export function defineService<Settings, Database>(spec: ServiceSpec<Settings, Database>): ServiceDefinition {
  const { name } = spec;
  return {
    name,
    descriptor: spec.descriptor,
    events: spec.events,
    migrations: spec.migrations,
    settings: spec.settings,
    async instantiate(context) {
      const settings = spec.settings.read(context.env);
      // The one place a database gets its type: the service's migrations create the tables its
      // Database interface describes, in the schema named after it.
      const db = context.database.withSchema(name) as unknown as Kysely<Database>;
      const logger = context.logger.child({ service: name });
      const prefix = context.config.eventPrefix;
      // Page tokens of every list are signed with a key derived from the process's secret.
      usePageTokenSecret(context.config.authSecret);
      return spec.create({
        name,
        db,
        outbox: createOutbox({ schema: name, prefix, domain: name, now: context.now }),
        events: createServiceEvents({
          db,
          schema: name,
          js: context.js,
          jsm: context.jsm,
          prefix,
          registry: context.registry,
          logger,
          ackWaitMs: context.config.eventAckWaitMs,
          batchSize: context.config.eventConsumerBatch,
        }),
        settings,
        config: context.config,
        clients: context.clientsFor(name),
        now: context.now,
        logger,
        shutdownSignal: context.shutdownSignal,
        apiKeys: context.apiKeys,
      });
    },
  };
}

import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { createTokenIssuer } from "../auth/index.js";
import type { WaybillConfig } from "../config/index.js";
import { createDatabase, ensureDatabase, migrateSchema } from "../database/index.js";
import {
  connectNats,
  createOutbox,
  createOutboxRelay,
  ensureEventStreams,
  eventTablesMigration,
} from "../events/index.js";
import { idempotencyTableMigration } from "../idempotency/index.js";
import { createHealthRegistry, listenOnePort } from "../server/index.js";
import { startTelemetry } from "../telemetry/index.js";
import { withCors } from "./cors-handler.js";
import { createRoutes, serverInterceptors } from "./create-routes.js";
import { createServiceClients, type LocalRoutes } from "./service-clients.js";
import type { ServiceDefinition, ServiceInstance, Worker } from "./service-definition.js";

/** A started Waybill process. */
export interface RunningWaybill {
  /** Base URL of the one port, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly port: number;
  /** Graceful shutdown: stop accepting, drain RPCs, stop consumers, flush the outbox, close. */
  stop(): Promise<void>;
}

/**
 * Starts the given services in one process on one port: creates the database and streams if
 * missing, migrates each service's schema, starts its outbox relay and workers, and serves
 * Connect, gRPC and gRPC-Web with health.
 *
 * @example
 * const waybill = await startWaybill({ config, logger, definitions: [inventoryService] });
 * console.log(waybill.url);
 * await waybill.stop();
 */
export async function startWaybill(options: {
  readonly config: WaybillConfig;
  readonly logger: Logger;
  readonly definitions: readonly ServiceDefinition[];
  readonly env?: Readonly<Record<string, string | undefined>>;
}): Promise<RunningWaybill> {
  const { config, logger, definitions } = options;
  const stopTelemetry = startTelemetry({ serviceName: `waybill-${config.services.join("-")}`, env: options.env ?? {} });
  if (config.authSecretIsDefault) {
    logger.warn("AUTH_SECRET is not set: using the development secret (refused when NODE_ENV=production)");
  }
  await ensureDatabase(config.databaseUrl);
  const db: Kysely<any> = createDatabase({ url: config.databaseUrl, logger, max: config.databasePoolSize });
  let nats: NatsConnection | undefined;
  try {
    const connection = await connectNats({ url: config.natsUrl, name: `waybill-${config.services.join("-")}`, logger });
    nats = connection;
    const js = jetstream(connection);
    const jsm = await jetstreamManager(connection);
    await ensureEventStreams({ jsm, prefix: config.eventPrefix, logger, replicas: config.streamReplicas });

    const shutdown = new AbortController();
    const tokens = createTokenIssuer(config.authSecret);
    const interceptors = serverInterceptors(logger, tokens);
    const services: { definition: ServiceDefinition; instance: ServiceInstance }[] = [];
    const local: LocalRoutes = {
      localServices: () => new Set(services.map((s) => s.definition.descriptor.typeName)),
      routes: (router) => {
        for (const { definition, instance } of services) router.service(definition.descriptor, instance.implementation);
      },
      interceptors,
    };
    const workers: Worker[] = [];
    for (const definition of definitions) {
      const schema = definition.name;
      await migrateSchema({
        db,
        schema,
        logger,
        migrations: {
          "0000-kit-events": eventTablesMigration,
          "0000-kit-idempotency": idempotencyTableMigration,
          ...definition.migrations,
        },
      });
      const serviceLogger = logger.child({ service: definition.name });
      const outbox = createOutbox({ schema, prefix: config.eventPrefix, domain: definition.name });
      const clients = createServiceClients({ caller: definition.name, config, tokens, local });
      const instance = definition.create({
        db: db.withSchema(schema),
        outbox,
        nats: connection,
        js,
        jsm,
        config,
        clients,
        logger: serviceLogger,
        shutdownSignal: shutdown.signal,
      });
      services.push({ definition, instance });
      workers.push(
        createOutboxRelay({ db, databaseUrl: config.databaseUrl, js, schema, logger: serviceLogger }),
        ...instance.workers,
      );
    }

    const health = createHealthRegistry(definitions.map((d) => d.descriptor.typeName));
    const handler = createRoutes({ services, health, interceptors });
    for (const worker of workers) await worker.start();
    const listener = await listenOnePort({
      host: config.host,
      port: config.port,
      handler: withCors(handler, config.corsOrigins),
    });
    const url = `http://${config.host}:${listener.address.port}`;
    logger.info({ url, services: config.services }, "waybill listening");

    let stopping: Promise<void> | undefined;
    return {
      url,
      port: listener.address.port,
      stop() {
        stopping ??= (async () => {
          health.shutdown();
          shutdown.abort();
          await listener.close(config.shutdownGraceMs);
          // Consumers first, then relays, so events written by the last handlers still go out.
          for (const worker of [...workers].reverse()) await worker.stop();
          await connection.drain();
          await db.destroy();
          await stopTelemetry();
          logger.info("waybill stopped");
        })();
        return stopping;
      },
    };
  } catch (error) {
    await nats?.close();
    await db.destroy();
    throw error;
  }
}

import { setTimeout as delay } from "node:timers/promises";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { accessMigrations, accessSchema, createApiKeys } from "../api-keys/index.js";
import { createTokenIssuer } from "../auth/index.js";
import type { Environment, WaybillConfig } from "../config/index.js";
import { createDatabase, describeEndpoint, ensureDatabase, migrateSchema } from "../database/index.js";
import {
  connectNats,
  createOutboxRelay,
  ensureEventStreams,
  eventTablesMigration,
  inboxRetentionMigration,
  observeDeadLetters,
  outboxClaimsMigration,
  outboxWakeupMigration,
} from "../events/index.js";
import {
  idempotencyRefusalsMigration,
  idempotencyRetentionMigration,
  idempotencyTableMigration,
} from "../idempotency/index.js";
import { createOperationsService, operationsMigrations, operationsSchema } from "../operations/index.js";
import { createRateLimitCheck, createRateLimiter, openKvBucketStore } from "../rate-limits/index.js";
import { createHealthRegistry, ServingStatus } from "../server/index.js";
import { startTelemetry } from "../telemetry/index.js";
import { withConsole } from "./console-routes.js";
import { withCors } from "./cors-handler.js";
import { createRoutes, serverInterceptors } from "./create-routes.js";
import { createDevTools } from "./dev-tools.js";
import { withDocs } from "./docs-routes.js";
import { createEventRegistry } from "./event-registry.js";
import { listenOrExplain } from "./listen-or-explain.js";
import { createWaybillReadinessProbe, withProbes } from "./probe-routes.js";
import { createRecordExpiryWorkers } from "./record-expiry-workers.js";
import { createServiceClients, type LocalRoutes } from "./service-clients.js";
import type { ServiceDefinition, ServiceInstance, Worker } from "./service-definition.js";

/** The longest shutdown waits for telemetry to flush. */
const telemetryFlushMs = 5_000;

/** A started Waybill process. */
export interface RunningWaybill {
  /** Base URL of the one port, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly port: number;
  /** Graceful shutdown: stop accepting, drain RPCs, stop consumers, flush the outbox, close. */
  stop(): Promise<void>;
}

/** Options of {@link startWaybill}. */
export interface StartWaybillOptions {
  readonly config: WaybillConfig;
  readonly logger: Logger;
  /** Every service Waybill knows; `config.services` names those this process runs. */
  readonly catalog: readonly ServiceDefinition[];
  /** Where the services read their own settings (and OpenTelemetry its `OTEL_*` variables). */
  readonly env: Environment;
  /** The services' clock (default: the system clock). */
  readonly now?: () => Date;
}

/**
 * Starts the services named in `config.services` in one process on one port: creates the
 * database and streams if missing, migrates each service's schema, builds the services, binds
 * the port (a port in use fails here, before any background work starts), starts the outbox
 * relays and workers, and only then reports SERVING on health.
 *
 * @example
 * const waybill = await startWaybill({ config, logger, catalog: serviceDefinitions, env: process.env });
 * console.log(waybill.url);
 * await waybill.stop();
 */
export async function startWaybill(options: StartWaybillOptions): Promise<RunningWaybill> {
  const { config, logger, catalog } = options;
  const definitions = catalog.filter((definition) => config.services.includes(definition.name));
  const processName = `waybill-${config.services.join("-")}`;
  const stopTelemetry = await startTelemetry({ services: config.services, env: options.env, logger });
  if (config.authSecretIsDefault) {
    logger.warn("AUTH_SECRET is not set: using the development secret (refused when NODE_ENV=production)");
  }
  if (options.env.CORS_ORIGINS !== undefined) {
    // The old name would otherwise be ignored without a word, leaving a console without access.
    logger.warn("CORS_ORIGINS is no longer read: rename it CORS_ALLOWED_ORIGINS (see docs/configuration.md)");
  }
  // The selected services' code first: a broken build fails here, before it migrates anything.
  await Promise.all(definitions.map((definition) => definition.load?.()));
  await ensureDatabase(config.databaseUrl);
  const database: Kysely<unknown> = createDatabase({
    url: config.databaseUrl,
    logger,
    max: config.databasePoolSize,
    idleInTransactionTimeoutMs: config.databaseIdleInTransactionTimeoutMs,
  });
  let nats: NatsConnection | undefined;
  let stopDeadLetterGauge: (() => Promise<void>) | undefined;
  let probeDatabase: Kysely<unknown> | undefined;
  try {
    const connection = await connectNats({ url: config.natsUrl, name: processName, logger });
    nats = connection;
    const js = jetstream(connection);
    const jsm = await jetstreamManager(connection);
    const domains = catalog.map((definition) => definition.name);
    await ensureEventStreams({
      jsm,
      prefix: config.eventPrefix,
      logger,
      replicas: config.streamReplicas,
      duplicateWindowMs: config.eventDuplicateWindowMs,
      domains,
    });
    stopDeadLetterGauge = observeDeadLetters({ jsm, prefix: config.eventPrefix, logger });

    const shutdown = new AbortController();
    const tokens = createTokenIssuer(config.authSecret, { maxLifetimeSeconds: config.tokenMaxLifetimeSeconds });
    const now = options.now ?? (() => new Date());
    // Every process verifies API keys, so whichever starts first creates their schema.
    await migrateSchema({ db: database, schema: accessSchema, logger, migrations: accessMigrations });
    const apiKeys = createApiKeys({ database, now, logger });
    const interceptors = serverInterceptors(logger, tokens, config.maxStreamsPerPrincipal, apiKeys.verifier);
    const services: { definition: ServiceDefinition; instance: ServiceInstance }[] = [];
    const local: LocalRoutes = {
      localServices: () => new Set(services.map((s) => s.definition.descriptor.typeName)),
      routes: (router) => {
        for (const { definition, instance } of services) {
          router.service(definition.descriptor, instance.implementation);
          for (const more of instance.services ?? []) router.service(more.descriptor, more.implementation);
        }
      },
      interceptors,
    };
    const registry = createEventRegistry(catalog.map((definition) => definition.events));
    const workers: Worker[] = [];
    // Operators' RPCs (dead letters, backlog) are served by every process, like the API keys' checks.
    await migrateSchema({ db: database, schema: operationsSchema, logger, migrations: operationsMigrations });
    const operations = createOperationsService({
      database,
      js,
      jsm,
      prefix: config.eventPrefix,
      domains,
      localServices: definitions.map((definition) => definition.name),
      natsEndpoint: config.natsUrl
        .split(",")
        .map((url) => describeEndpoint(url.trim()))
        .join(","),
      logger,
      expiry: config.recordExpiry,
    });
    workers.push(...operations.workers);
    for (const definition of definitions) {
      await migrateSchema({
        db: database,
        schema: definition.name,
        logger,
        migrations: {
          "0000-kit-events": eventTablesMigration,
          "0000-kit-outbox-claims": outboxClaimsMigration,
          "0000-kit-outbox-wakeup": outboxWakeupMigration,
          "0000-kit-idempotency": idempotencyTableMigration,
          "0000-kit-idempotency-refusals": idempotencyRefusalsMigration,
          "0000-kit-idempotency-retention": idempotencyRetentionMigration,
          "0000-kit-inbox-retention": inboxRetentionMigration,
          ...definition.migrations,
        },
      });
      const instance = await definition.instantiate({
        database,
        js,
        jsm,
        registry,
        env: options.env,
        config,
        now,
        logger,
        shutdownSignal: shutdown.signal,
        apiKeys,
        clientsFor: (caller) => createServiceClients({ caller, catalog, config, tokens, local }),
      });
      services.push({ definition, instance });
      const relayLogger = logger.child({ service: definition.name });
      workers.push(
        createOutboxRelay({
          db: database,
          databaseUrl: config.databaseUrl,
          js,
          schema: definition.name,
          logger: relayLogger,
          leaseMs: config.eventRelayLeaseMs,
          lingerMs: config.eventRelayLingerMs,
          duplicateWindowMs: config.eventDuplicateWindowMs,
        }),
        ...createRecordExpiryWorkers({
          db: database,
          schema: definition.name,
          expiry: config.recordExpiry,
          logger: relayLogger,
        }),
        ...instance.workers,
      );
    }

    // The readiness probe's own connection: a saturated application pool is busy, not unready.
    probeDatabase = createDatabase({ url: config.databaseUrl, logger, max: 1, poolName: "readiness probe" });
    const health = createHealthRegistry(
      definitions.map((d) => d.descriptor.typeName),
      ServingStatus.NOT_SERVING,
    );
    const limitRate = config.rateLimits && {
      limitRate: createRateLimitCheck(
        config.rateLimits,
        createRateLimiter({
          store: await openKvBucketStore({
            js,
            bucket: `${config.eventPrefix.toUpperCase()}_RATE_LIMITS`,
            replicas: config.streamReplicas,
            timeoutMs: config.rateLimitStoreTimeoutMs,
          }),
          logger,
          storeTimeoutMs: config.rateLimitStoreTimeoutMs,
        }),
      ),
    };
    const devTools = await createDevTools({
      config,
      tokens,
      servesEverything: definitions.length === catalog.length,
      shutdownSignal: shutdown.signal,
      logger,
      now,
    });
    const handler = createRoutes({
      services,
      health,
      interceptors,
      tokens,
      apiKeys: apiKeys.verifier,
      requestMaxBytes: config.requestMaxBytes,
      requestMaxJsonDepth: config.requestMaxJsonDepth,
      trustedProxyHops: config.trustedProxyHops,
      reflection: config.reflectionEnabled,
      processServices: [operations, ...devTools.services],
      ...limitRate,
    });
    const listener = await listenOrExplain({
      host: config.host,
      port: config.port,
      // Probes come first: no CORS, token or rate limit for a load balancer's GET /readyz.
      handler: withProbes(
        // The API reference and the console's files are public too: no token or rate limit.
        withDocs(
          withConsole(withCors(handler, config.corsOrigins, config.corsAllowedHeaders), {
            enabled: config.consoleEnabled,
            ...(config.consoleDir ? { dir: config.consoleDir } : {}),
          }),
          { enabled: config.apiDocsEnabled },
        ),
        createWaybillReadinessProbe({ health, database: probeDatabase, nats: connection, logger }),
      ),
      limits: config.connectionLimits,
    });
    const started: Worker[] = [];
    try {
      for (const worker of workers) {
        await worker.start();
        started.push(worker);
      }
    } catch (error) {
      for (const worker of started.reverse()) await worker.stop().catch(() => undefined);
      await listener.close(0);
      throw error;
    }
    health.setAll(ServingStatus.SERVING);
    const url = `http://${config.host}:${listener.address.port}`;
    devTools.listening(listener.address.port);
    logger.info({ url, services: config.services }, "waybill listening");

    let stopping: Promise<void> | undefined;
    return {
      url,
      port: listener.address.port,
      stop() {
        stopping ??= (async () => {
          health.shutdown();
          // The simulation calls this port: no new one starts, and the last winds down while the port answers.
          await devTools.stop();
          // Not ready, still serving: load balancers see the 503 and stop sending before the port closes.
          if (config.shutdownReadinessDelayMs > 0) await delay(config.shutdownReadinessDelayMs);
          shutdown.abort();
          await listener.close(config.shutdownGraceMs);
          // Consumers first, then relays, so events written by the last handlers still go out.
          for (const worker of [...workers].reverse()) {
            // One worker failing to stop must not leave the others, NATS and the pools running.
            await worker.stop().catch((error: unknown) => logger.error({ err: error }, "a worker failed to stop"));
          }
          await stopDeadLetterGauge?.();
          await connection.drain();
          await probeDatabase?.destroy();
          await database.destroy();
          // Flushing to a collector that does not answer must not hold the exit for long.
          await Promise.race([stopTelemetry(), delay(telemetryFlushMs)]);
          logger.info("waybill stopped");
        })();
        return stopping;
      },
    };
  } catch (error) {
    await stopDeadLetterGauge?.();
    await probeDatabase?.destroy();
    await nats?.close();
    await database.destroy();
    await stopTelemetry();
    throw error;
  }
}

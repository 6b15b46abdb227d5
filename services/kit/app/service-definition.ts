import type { DescService } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { Kysely, Migration } from "kysely";
import type { Logger } from "pino";
import type { Waybill } from "../../../sdk/src/waybill-client.js";
import type { ServiceName, WaybillConfig } from "../config/index.js";
import type { Outbox } from "../events/index.js";

/** Something a service runs in the background (a consumer, a sweeper); stopped on shutdown. */
export interface Worker {
  /** Starts the work; resolves once it is running. */
  start(): Promise<void>;
  /** Stops taking new work and resolves once in-flight work has finished. */
  stop(): Promise<void>;
}

/** What the app hands every service when building it. */
export interface ServiceDeps {
  /** Database scoped to the service's own schema (unqualified table names resolve there). */
  readonly db: Kysely<any>;
  /** Writes the service's events in the caller's transaction. */
  readonly outbox: Outbox;
  readonly nats: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly config: WaybillConfig;
  /** Logger with `service` bound. */
  readonly logger: Logger;
  /** Clients of the other services, authenticated as this service (in memory when co-located). */
  readonly clients: Waybill;
  /** Aborted when shutdown begins: long-lived streams (Watch RPCs) end on it so draining is quick. */
  readonly shutdownSignal: AbortSignal;
}

/** A running service: its RPCs and its background work. */
export interface ServiceInstance {
  /** RPC implementations; methods left out answer `Unimplemented`. */
  readonly implementation: Partial<ServiceImpl<DescService>>;
  /** Consumers and other background work. */
  readonly workers: readonly Worker[];
}

/**
 * How to build one of the five services. Each service folder exports one (e.g.
 * `inventoryService`); the app migrates its schema, then calls `create`.
 */
export interface ServiceDefinition {
  /** The service's name, which is also its PostgreSQL schema and event domain. */
  readonly name: ServiceName;
  /** The generated service descriptor it implements. */
  readonly descriptor: DescService;
  /** Migrations of its schema (the kit's event and idempotency tables are added by the app). */
  readonly migrations: Readonly<Record<string, Migration>>;
  /** Builds the service from its dependencies. */
  create(deps: ServiceDeps): ServiceInstance;
}

import type { DescFile, DescService, Registry } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import type { Waybill } from "@waybill/sdk";
import type { Kysely, Migration } from "kysely";
import type { Logger } from "pino";
import type { ApiKeys } from "../api-keys/index.js";
import type { Environment, SettingsDefinition, WaybillConfig } from "../config/index.js";
import type { Outbox, ServiceEvents } from "../events/index.js";

/** Something a service runs in the background (a consumer, a sweeper); stopped on shutdown. */
export interface Worker {
  /** Starts the work; resolves once it is running. */
  start(): Promise<void>;
  /** Stops taking new work and resolves once in-flight work has finished. */
  stop(): Promise<void>;
}

/**
 * What the kit hands a service when building it: everything it may use, and nothing global.
 * Each service's factory takes these (plus test hooks of its own), e.g.
 * `createInventoryService(deps)`.
 */
export interface ServiceDeps<Settings, Database> {
  /** The service's name (its schema and event domain). */
  readonly name: string;
  /** The database scoped to the service's own schema (unqualified table names resolve there). */
  readonly db: Kysely<Database>;
  /** Writes the service's events in the caller's transaction. */
  readonly outbox: Outbox;
  /** Durable consumers and live feeds of any service's events, bound to this service's schema. */
  readonly events: ServiceEvents<Database>;
  /** The service's own settings, as its definition read them. */
  readonly settings: Settings;
  /** The process's settings (database URL, event prefix, ...). */
  readonly config: WaybillConfig;
  /** Clients of the other services, authenticated as this service (in memory when co-located). */
  readonly clients: Waybill;
  /** The clock of every time the service writes or compares (tests may move it). */
  readonly now: () => Date;
  /** Logger with `service` bound. */
  readonly logger: Logger;
  /** Aborted when shutdown begins: long-lived streams (Watch RPCs) end on it so draining is quick. */
  readonly shutdownSignal: AbortSignal;
  /** The process's API keys (the `access` schema and the verifier every service's auth uses). */
  readonly apiKeys: ApiKeys;
}

/** Another RPC service a service serves beside its own (e.g. Orders serves `ApiKeyService`). */
export interface ServedService {
  readonly descriptor: DescService;
  /** Its RPC implementations; methods left out answer `Unimplemented`. */
  readonly implementation: Partial<ServiceImpl<DescService>>;
}

/** A built service: its RPCs and its background work. */
export interface ServiceInstance {
  /** RPC implementations; methods left out answer `Unimplemented`. */
  readonly implementation: Partial<ServiceImpl<DescService>>;
  /** Consumers and other background work, started in order and stopped in reverse. */
  readonly workers: readonly Worker[];
  /** RPC services it serves beside its own descriptor's, on the same port and routes. */
  readonly services?: readonly ServedService[];
}

/** A service as its folder declares it (see {@link defineService}). */
export interface ServiceSpec<Settings, Database> {
  /** The service's name: its `--service` value, PostgreSQL schema, event domain and `<NAME>_URL`. */
  readonly name: string;
  /** The generated service descriptor it implements. */
  readonly descriptor: DescService;
  /** The generated file of the events it publishes (`events.proto`), on its own stream. */
  readonly events: DescFile;
  /** Migrations of its schema (the kit's event and idempotency tables are added by the app). */
  readonly migrations: Readonly<Record<string, Migration>>;
  /** Its settings: the variables it reads and how. */
  readonly settings: SettingsDefinition<Settings>;
  /** Builds the service from its dependencies. */
  create(deps: ServiceDeps<Settings, Database>): ServiceInstance;
}

/** What the app provides for building any service (see {@link ServiceDefinition.instantiate}). */
export interface ServiceContext {
  /** The process's database, not yet scoped to a schema. */
  readonly database: Kysely<unknown>;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  /** Every known service's event types, for decoding any stream. */
  readonly registry: Registry;
  /** Where the services read their settings from. */
  readonly env: Environment;
  readonly config: WaybillConfig;
  readonly now: () => Date;
  /** The process's logger. */
  readonly logger: Logger;
  readonly shutdownSignal: AbortSignal;
  /** The process's API keys, handed to every service. */
  readonly apiKeys: ApiKeys;
  /** Clients of the services, authenticated as `caller`. */
  clientsFor(caller: string): Waybill;
}

/**
 * One of Waybill's services, its types erased so that a list can hold them all. Each service
 * folder exports one (e.g. `inventoryService`), made by {@link defineService}; the catalog
 * (services/definitions.ts) wraps each in `lazyService`, so a process loads only what it runs.
 */
export interface ServiceDefinition {
  readonly name: string;
  readonly descriptor: DescService;
  readonly events: DescFile;
  readonly migrations: Readonly<Record<string, Migration>>;
  readonly settings: SettingsDefinition<unknown>;
  /**
   * Loads the service's code without building it, where it is loaded lazily (see `lazyService`):
   * the app calls it before touching PostgreSQL, so an image with broken code fails before it
   * migrates anything. Absent when the code is loaded already.
   */
  load?(): Promise<void>;
  /**
   * Reads the settings from `context.env`, scopes the database and builds the service; loads its
   * code first when the definition is lazy (see `lazyService`).
   */
  instantiate(context: ServiceContext): Promise<ServiceInstance>;
}

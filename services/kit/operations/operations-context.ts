import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import type { Kysely } from "kysely";
import type { Logger } from "../logging/logger.js";
import type { OperationsDatabase } from "./operations-schema.js";

/** What the operations RPCs work with (see `createOperationsService`). */
export interface OperationsContext {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  /** `EVENT_PREFIX`: names the domain streams and the dead-letter stream. */
  readonly prefix: string;
  /** Every event domain of the installation (each service's name), for the consumers' streams. */
  readonly domains: readonly string[];
  /** The services this process runs: their schemas hold the outboxes it can read. */
  readonly localServices: readonly string[];
  /** The whole database (unscoped), to read the local services' outboxes. */
  readonly database: Kysely<unknown>;
  /** The `operations` schema, for the idempotency keys of redrives. */
  readonly db: Kysely<OperationsDatabase>;
  /** `host:port` of NATS, for the log line of an outage (never told to callers). */
  readonly natsEndpoint: string;
  readonly logger: Logger;
}

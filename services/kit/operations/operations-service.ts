import type { ServiceImpl } from "@connectrpc/connect";
import { OperationsService } from "@waybill/contracts/waybill/operations/v1/operations_pb.js";
import type { Kysely } from "kysely";
import { createPeriodicWorker } from "../app/periodic-worker.js";
import type { ServedService, Worker } from "../app/service-definition.js";
import type { RecordExpiry } from "../config/index.js";
import { deleteExpiredKeys } from "../idempotency/index.js";
import { readEventBacklog } from "./event-backlog.js";
import { listDeadLetterPage } from "./list-dead-letters-page.js";
import type { OperationsContext } from "./operations-context.js";
import { operationsDatabase, operationsSchema } from "./operations-schema.js";
import { redriveSelection } from "./redrive-selection.js";

/** What {@link createOperationsService} needs. */
export interface OperationsServiceOptions extends Omit<OperationsContext, "db"> {
  /** The whole database; the service keeps its idempotency keys in the `operations` schema. */
  readonly database: Kysely<unknown>;
  /** How long the idempotency keys are kept, and how often expired ones are deleted. */
  readonly expiry: RecordExpiry;
}

/** OperationsService as served by a process, with the worker deleting its expired keys. */
export interface OperationsServiceInstance extends ServedService {
  readonly workers: readonly Worker[];
}

/** Rows one statement deletes (as for the services' own keys). */
const expiryBatch = 500;

/**
 * `waybill.operations.v1.OperationsService`: the dead letters, their redrive and the event
 * backlog, for admins (the contract's access option; the auth interceptor enforces it). Every
 * process serves it beside its services' own (`createRoutes({ processServices })`); it reads the
 * outboxes of `localServices` only. Migrate `operations` (`operationsMigrations`) first.
 *
 * @example
 * const operations = createOperationsService({ database, js, jsm, prefix, domains, localServices,
 *   natsEndpoint: "127.0.0.1:4222", logger, expiry: config.recordExpiry });
 */
export function createOperationsService(options: OperationsServiceOptions): OperationsServiceInstance {
  const { expiry, logger } = options;
  const ctx: OperationsContext = { ...options, db: operationsDatabase(options.database) };
  const implementation: Partial<ServiceImpl<typeof OperationsService>> = {
    listDeadLetters: (request) => listDeadLetterPage(ctx, request),
    redriveDeadLetters: (request) => redriveSelection(ctx, request),
    getEventBacklog: () => readEventBacklog(ctx),
  };
  const expireKeys = createPeriodicWorker({
    intervalMs: expiry.sweepIntervalMs,
    backlogAt: expiryBatch,
    logger,
    what: "deleting expired idempotency keys of operations",
    round: () =>
      deleteExpiredKeys({
        db: options.database,
        schema: operationsSchema,
        retentionHours: expiry.idempotencyRetentionHours,
        batchSize: expiryBatch,
      }),
  });
  return { descriptor: OperationsService, implementation, workers: [expireKeys] };
}

/**
 * `waybill.operations.v1.OperationsService`: dead letters (list, redrive) and the event backlog
 * (consumer lag, outboxes, dead-letter counts) over RPC, for admins; served by every process.
 */
export { isNatsUnavailable, whileNatsAnswers } from "./nats-unavailable.js";
export type { OperationsContext } from "./operations-context.js";
export type { OperationsDatabase } from "./operations-schema.js";
export { operationsDatabase, operationsMigrations, operationsSchema } from "./operations-schema.js";
export {
  createOperationsService,
  type OperationsServiceInstance,
  type OperationsServiceOptions,
} from "./operations-service.js";

/**
 * Test helpers shared by every test file: isolation, waiting, errors, pages, events and fixtures, Waybill as
 * a process, and private PostgreSQL and NATS servers for fault tests (Waybill in the test's process:
 * `./test-waybill.js`).
 */

export { errorOf, rejectionsOf } from "./errors.js";
export { createEventPublisher, type EventPublisher } from "./event-publisher.js";
export {
  eventsSettled,
  outboxAggregateIds,
  outboxPublished,
  publishedEvents,
  streamEvents,
  streamPositions,
} from "./events.js";
export {
  changeStock,
  itemRequest,
  ledgerOf,
  levelOf,
  orderId,
  orderRequest,
  stockedItem,
  sumLedger,
} from "./fixtures.js";
export { freePort } from "./free-port.js";
export { type GaugeReaders, registerGaugeReaders } from "./gauge-readers.js";
export { createHeldClock, type HeldClock } from "./held-clock.js";
export { createIsolatedEnvironment, type IsolatedEnvironment } from "./isolated-environment.js";
export { type OtlpPoint, type OtlpReceiver, type OtlpSpan, startOtlpReceiver } from "./otlp-receiver.js";
export { allPages, type PageReader, readPages } from "./pages.js";
export { type PrivateNats, startPrivateNats } from "./private-nats.js";
export { type PrivatePostgres, startPrivatePostgres } from "./private-postgres.js";
export { schemaSql } from "./schema-sql.js";
export { createRecordingLogger, createTestLogger } from "./test-logger.js";
export { clockPast, waitFor, waitUntil } from "./wait-for.js";
export {
  type SpawnWaybillOptions,
  spawnWaybill,
  type WaybillExit,
  type WaybillProcess,
} from "./waybill-process.js";

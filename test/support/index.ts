/** Test helpers shared by every test file: isolation, waiting, errors, pages, events and fixtures (Waybill itself: `./test-waybill.js`). */

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
export { createHeldClock, type HeldClock } from "./held-clock.js";
export { createIsolatedEnvironment, type IsolatedEnvironment } from "./isolated-environment.js";
export { allPages, type PageReader, readPages } from "./pages.js";
export { schemaSql } from "./schema-sql.js";
export { createRecordingLogger, createTestLogger } from "./test-logger.js";
export { clockPast, waitFor, waitUntil } from "./wait-for.js";
export { spawnWaybill, type WaybillProcess } from "./waybill-process.js";

/** Test isolation helpers shared by every test file. */
export { createIsolatedEnvironment, type IsolatedEnvironment } from "./isolated-environment.js";
export { createTestLogger } from "./test-logger.js";
export { freePort } from "./free-port.js";
export { createEventPublisher, type EventPublisher } from "./event-publisher.js";
export { schemaSql } from "./schema-sql.js";
export { spawnWaybill, type WaybillProcess } from "./waybill-process.js";
export { waitFor } from "./wait-for.js";

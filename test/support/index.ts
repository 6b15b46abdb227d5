/** Test isolation helpers shared by every test file. */

export { createEventPublisher, type EventPublisher } from "./event-publisher.js";
export { freePort } from "./free-port.js";
export { createIsolatedEnvironment, type IsolatedEnvironment } from "./isolated-environment.js";
export { schemaSql } from "./schema-sql.js";
export { createTestLogger } from "./test-logger.js";
export { waitFor } from "./wait-for.js";
export { spawnWaybill, type WaybillProcess } from "./waybill-process.js";

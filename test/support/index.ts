/** Test isolation helpers shared by every test file. */
export { createIsolatedEnvironment, type IsolatedEnvironment } from "./isolated-environment.js";
export { createTestLogger } from "./test-logger.js";
export { freePort } from "./free-port.js";

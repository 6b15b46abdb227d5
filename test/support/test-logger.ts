import type { Logger } from "../../services/kit/logging/logger.js";
import { createLogger } from "../../services/kit/logging/logger.js";

/**
 * Logger for tests: silent unless `TEST_LOG_LEVEL` asks for more (e.g. `TEST_LOG_LEVEL=debug`
 * when a test fails and you want to see what the kit did).
 */
export function createTestLogger(): Logger {
  return createLogger({ level: process.env.TEST_LOG_LEVEL ?? "silent", name: "test" });
}

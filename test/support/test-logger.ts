import { pino } from "pino";
import type { Logger } from "../../services/kit/logging/logger.js";
import { createLogger } from "../../services/kit/logging/logger.js";

/**
 * Logger for tests: silent unless `TEST_LOG_LEVEL` asks for more (e.g. `TEST_LOG_LEVEL=debug`
 * when a test fails and you want to see what the kit did).
 */
export function createTestLogger(): Logger {
  return createLogger({ level: process.env.TEST_LOG_LEVEL ?? "silent", name: "test" });
}

/**
 * Logger that appends each JSON line it writes (`info` and up) to `lines`, for a test to wait on
 * what a worker reports.
 *
 * @example
 * const lines: string[] = [];
 * const sweeper = createTestSweeper(sql, prefix, 20_000, createRecordingLogger(lines));
 */
export function createRecordingLogger(lines: string[]): Logger {
  return pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
}

import { type Logger, pino } from "pino";

export type { Logger } from "pino";

/**
 * Creates the process logger: JSON lines on stdout, level from `LOG_LEVEL` (default `info`).
 * Every service receives a child of it (`logger.child({ service })`) through its factory.
 *
 * @example
 * const logger = createLogger({ level: "debug" });
 * logger.info({ port: 8080 }, "listening");
 */
export function createLogger(options: { readonly level?: string; readonly name?: string } = {}): Logger {
  return pino({
    name: options.name ?? "waybill",
    level: options.level ?? process.env.LOG_LEVEL ?? "info",
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

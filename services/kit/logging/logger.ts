import { type DestinationStream, type Logger, pino } from "pino";
import { telemetryAttributes } from "../telemetry/telemetry-resource.js";
import { otlpLogTransport } from "./otlp-log-transport.js";
import { activeTraceFields } from "./trace-fields.js";

export type { Logger } from "pino";

/**
 * Creates the process logger: JSON lines on stdout, level from `LOG_LEVEL` (default `info`).
 * Every service receives a child of it (`logger.child({ service })`) through its factory. A line
 * written inside an active span carries `trace_id`, `span_id` and `trace_flags`; with
 * `OTEL_LOGS_EXPORTER=otlp` the lines are also exported over OTLP (and `time` is then in epoch
 * milliseconds rather than ISO 8601).
 *
 * @example
 * const logger = createLogger({ level: "debug" });
 * logger.info({ port: 8080 }, "listening");
 */
export function createLogger(
  options: {
    readonly level?: string;
    readonly name?: string;
    /** Where `OTEL_LOGS_EXPORTER` and the OTLP settings are read (default: `process.env`). */
    readonly env?: Readonly<Record<string, string | undefined>>;
    /** Where lines go instead of stdout (tests); no OTLP export then. */
    readonly destination?: DestinationStream;
    /** The services this process runs, for the resource of exported log records. */
    readonly services?: readonly string[];
  } = {},
): Logger {
  const name = options.name ?? "waybill";
  const env = options.env ?? process.env;
  const exported = options.destination
    ? undefined
    : otlpLogTransport(env, telemetryAttributes(options.services ?? [], env));
  const settings = {
    name,
    level: options.level ?? process.env.LOG_LEVEL ?? "info",
    base: { pid: process.pid },
    // The OTLP transport reads `time` as the record's timestamp, which must then be epoch ms.
    timestamp: exported ? pino.stdTimeFunctions.epochTime : pino.stdTimeFunctions.isoTime,
    mixin: activeTraceFields,
  };
  const destination = options.destination ?? exported;
  return destination ? pino(settings, destination) : pino(settings);
}

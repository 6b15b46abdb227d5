import type { DiagLogger } from "@opentelemetry/api";
import { DiagLogLevel, diag } from "@opentelemetry/api";
import type { Logger } from "pino";
import type { TelemetryEnvironment } from "./export-plan.js";

/** `OTEL_LOG_LEVEL` values and the OpenTelemetry diagnostic levels they select. */
const levels: Readonly<Record<string, DiagLogLevel>> = {
  NONE: DiagLogLevel.NONE,
  ERROR: DiagLogLevel.ERROR,
  WARN: DiagLogLevel.WARN,
  INFO: DiagLogLevel.INFO,
  DEBUG: DiagLogLevel.DEBUG,
  VERBOSE: DiagLogLevel.VERBOSE,
  ALL: DiagLogLevel.ALL,
};

/**
 * Routes OpenTelemetry's own diagnostics (failed exports, refused configuration) into `logger`
 * as lines with `component: "opentelemetry"`, from `OTEL_LOG_LEVEL` up (default `warn`).
 * Replaces any diagnostic logger set before (the SDK sets a console one when `OTEL_LOG_LEVEL` is
 * set).
 */
export function routeDiagnosticsToPino(logger: Logger, env: TelemetryEnvironment): void {
  const level = levels[env.OTEL_LOG_LEVEL?.trim().toUpperCase() ?? ""] ?? DiagLogLevel.WARN;
  // Disabling first avoids the API's "logger will be overwritten" warnings.
  diag.disable();
  diag.setLogger(diagnosticLogger(logger.child({ component: "opentelemetry" })), { logLevel: level });
}

/** A diagnostic logger writing to pino: the message, and any further arguments as `details`. */
function diagnosticLogger(logger: Logger): DiagLogger {
  const write =
    (level: "error" | "warn" | "info" | "debug" | "trace") =>
    (message: string, ...args: unknown[]): void => {
      const error = args.find((arg): arg is Error => arg instanceof Error);
      const details = args.filter((arg) => arg !== error);
      logger[level]({ ...(error ? { err: error } : {}), ...(details.length > 0 ? { details } : {}) }, message);
    };
  return {
    error: write("error"),
    warn: write("warn"),
    info: write("info"),
    debug: write("debug"),
    verbose: write("trace"),
  };
}

/** Environment variables as read by telemetry start-up. */
export type TelemetryEnvironment = Readonly<Record<string, string | undefined>>;

/** Which signals the standard `OTEL_*` variables ask to export. */
export interface ExportPlan {
  readonly traces: boolean;
  readonly metrics: boolean;
}

/**
 * Which signals the standard `OTEL_*` variables ask to export: a signal is exported when its
 * `OTEL_<SIGNAL>_EXPORTER` names an exporter other than `none`, or when an OTLP endpoint (shared or
 * the signal's own) is set and its exporter is not `none`. Nothing is exported with
 * `OTEL_SDK_DISABLED=true`. Logs are handled by the logger (services/kit/logging).
 *
 * @example
 * exportPlan({ OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: "http://collector:4318/v1/metrics" });
 * // { traces: false, metrics: true }
 */
export function exportPlan(env: TelemetryEnvironment): ExportPlan {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return { traces: false, metrics: false };
  return { traces: exports(env, "TRACES"), metrics: exports(env, "METRICS") };
}

function exports(env: TelemetryEnvironment, signal: "TRACES" | "METRICS"): boolean {
  const exporters = (env[`OTEL_${signal}_EXPORTER`] ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (exporters.includes("none")) return false;
  if (exporters.length > 0) return true;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env[`OTEL_EXPORTER_OTLP_${signal}_ENDPOINT`]);
}

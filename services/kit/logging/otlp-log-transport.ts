import { type DestinationStream, pino } from "pino";

/** Environment variables read by {@link otlpLogTransport}. */
export type LogExportEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * When `OTEL_LOGS_EXPORTER` names `otlp`, a destination writing every line to stdout as before
 * and also sending it as an OpenTelemetry log record over OTLP (pino-opentelemetry-transport, in
 * a worker thread, configured by the standard `OTEL_EXPORTER_OTLP_*` and `OTEL_RESOURCE_ATTRIBUTES`
 * variables). The `trace_id`/`span_id` fields become the record's trace context. Otherwise
 * undefined: lines go to stdout only, at no extra cost.
 */
export function otlpLogTransport(
  env: LogExportEnvironment,
  resourceAttributes: Readonly<Record<string, unknown>>,
): DestinationStream | undefined {
  const exporters = (env.OTEL_LOGS_EXPORTER ?? "").split(",").map((name) => name.trim());
  if (env.OTEL_SDK_DISABLED === "true" || !exporters.includes("otlp")) return undefined;
  return pino.transport({
    targets: [
      { target: "pino/file", options: { destination: 1 } },
      {
        target: "pino-opentelemetry-transport",
        options: {
          // The same resource as traces and metrics, so a backend finds a span's logs.
          resourceAttributes: {
            ...resourceAttributes,
            ...(env.OTEL_SERVICE_NAME ? { "service.name": env.OTEL_SERVICE_NAME } : {}),
          },
        },
      },
    ],
  }) as DestinationStream;
}

import { isSpanContextValid, trace } from "@opentelemetry/api";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { AlwaysOffSampler, NodeTracerProvider } from "@opentelemetry/sdk-trace-node";

/** Environment variables that ask for telemetry to be exported. */
const exportVariables = ["OTEL_TRACES_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"];

/** Stops telemetry, flushing what is buffered. */
export type StopTelemetry = () => Promise<void>;

/**
 * Starts OpenTelemetry for the process. When a standard `OTEL_*` variable asks for export, the
 * Node SDK is started and configures itself from the environment (exporters, sampler, resource).
 * Otherwise a tracer provider that samples nothing is registered, so trace ids still exist for
 * logs, error answers and the trace context carried through events, at almost no cost.
 * Registering is process-wide: a second call (several apps in one test process) reuses the first.
 */
export function startTelemetry(options: {
  readonly serviceName: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}): StopTelemetry {
  if (tracingRegistered()) return async () => undefined;
  const exporting = options.env.OTEL_SDK_DISABLED !== "true" && exportVariables.some((name) => options.env[name]);
  if (exporting) {
    const sdk = new NodeSDK({ serviceName: options.env.OTEL_SERVICE_NAME ?? options.serviceName });
    sdk.start();
    return () => sdk.shutdown();
  }
  // Nothing is exported, so nothing is recorded: unsampled spans still carry fresh trace ids and
  // propagate them, at a fraction of the cost.
  const provider = new NodeTracerProvider({ sampler: new AlwaysOffSampler() });
  provider.register();
  return () => provider.shutdown();
}

/** True when some tracer provider (ours, or one a test or host app set up) is already registered. */
function tracingRegistered(): boolean {
  // Without an SDK the API hands out spans with an invalid (all-zero) context.
  const probe = trace.getTracer("waybill-probe").startSpan("probe");
  probe.end();
  return isSpanContextValid(probe.spanContext());
}

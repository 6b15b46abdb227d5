import { isSpanContextValid, trace } from "@opentelemetry/api";
import { AlwaysOffSampler, NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import type { Logger } from "pino";
import { routeDiagnosticsToPino } from "./diagnostics-to-pino.js";
import { exportPlan, type TelemetryEnvironment } from "./export-plan.js";
import { enableInstrumentations } from "./instrumentations.js";
import { droppedPgPoolViews, secondsHistogramView } from "./metric-views.js";
import { telemetryAttributes } from "./telemetry-resource.js";

/** Set by the first {@link startTelemetry} of the process. */
let started = false;

/** Stops telemetry, flushing what is buffered. */
export type StopTelemetry = () => Promise<void>;

/** Options of {@link startTelemetry}. */
export interface StartTelemetryOptions {
  /** The services this process runs: they name it (see `telemetryAttributes`). */
  readonly services: readonly string[];
  /** Where the `OTEL_*` variables are read; the SDK itself reads exporter settings from `process.env`. */
  readonly env: TelemetryEnvironment;
  /** Receives OpenTelemetry's diagnostics (failed exports among them), from `OTEL_LOG_LEVEL` up, default warn. */
  readonly logger: Logger;
}

/**
 * Starts OpenTelemetry for the process. Each signal the standard `OTEL_*` variables ask for (see
 * `exportPlan`) is set up by the Node SDK from the environment:
 * - traces: exporter, sampler and propagators from the environment; pg and undici spans;
 * - metrics: OTLP by default, or `OTEL_METRICS_EXPORTER=prometheus` (a scrape endpoint on
 *   `OTEL_EXPORTER_PROMETHEUS_HOST`:`OTEL_EXPORTER_PROMETHEUS_PORT`, default 9464, `/metrics`);
 *   Node runtime metrics; histograms in seconds get the conventions' buckets.
 * Traces that are not exported still get a tracer provider that samples nothing, so trace ids
 * exist for logs, error answers and events at almost no cost; meters that are not exported are
 * the API's no-ops. Without any export variable the SDK is not even loaded, and the unsampled
 * provider is registered before the returned promise is first awaited.
 * Registering is process-wide: a second call (several apps in one test process) reuses the first.
 *
 * @example
 * const stopTelemetry = await startTelemetry({ services: ["orders"], env: process.env, logger });
 */
export async function startTelemetry(options: StartTelemetryOptions): Promise<StopTelemetry> {
  // Checked and set before the first await, so that apps starting side by side register once.
  if (started || tracingRegistered()) return async () => undefined;
  started = true;
  const { env, logger } = options;
  const plan = exportPlan(env);
  if (!plan.traces && !plan.metrics) {
    routeDiagnosticsToPino(logger, env);
    return registerUnsampledTracing();
  }
  // The SDK replaces the diagnostic logger with a console one when OTEL_LOG_LEVEL is set: route
  // ours after it then; before it otherwise, so that its own warnings reach the logs too.
  if (!process.env.OTEL_LOG_LEVEL) routeDiagnosticsToPino(logger, env);
  const instrumentations = enableInstrumentations(plan);
  const sdkNode = await import("@opentelemetry/sdk-node");
  const sdk = new sdkNode.NodeSDK({
    resource: sdkNode.resources
      .defaultResource()
      .merge(sdkNode.resources.resourceFromAttributes(telemetryAttributes(options.services, env))),
    instrumentations: [...instrumentations],
    views: [secondsHistogramView(sdkNode.metrics), ...droppedPgPoolViews(sdkNode.metrics)],
    // Omitted options are read from the environment; an empty list turns a signal off.
    ...(plan.traces ? {} : { spanProcessors: [] }),
    ...(plan.metrics ? {} : { metricReaders: [] }),
    // Logs are exported by the logger's transport (services/kit/logging), not through the SDK.
    logRecordProcessors: [],
  });
  routeDiagnosticsToPino(logger, env);
  sdk.start();
  const stopUnsampled = plan.traces ? undefined : setUnsampledTracerProvider();
  return async () => {
    await sdk.shutdown();
    await stopUnsampled?.();
  };
}

/** Nothing is exported: unsampled spans still carry fresh trace ids and propagate them, cheaply. */
function registerUnsampledTracing(): StopTelemetry {
  const provider = new NodeTracerProvider({ sampler: new AlwaysOffSampler() });
  provider.register();
  return () => provider.shutdown();
}

/** Like {@link registerUnsampledTracing}, beside an SDK that already set the context manager and propagator. */
function setUnsampledTracerProvider(): StopTelemetry {
  const provider = new NodeTracerProvider({ sampler: new AlwaysOffSampler() });
  trace.setGlobalTracerProvider(provider);
  return () => provider.shutdown();
}

/** True when some tracer provider (ours, or one a test or host app set up) is already registered. */
function tracingRegistered(): boolean {
  // Without an SDK the API hands out spans with an invalid (all-zero) context.
  const probe = trace.getTracer("waybill-probe").startSpan("probe");
  probe.end();
  return isSpanContextValid(probe.spanContext());
}

import { metrics } from "@opentelemetry/api";
import { metrics as sdkMetrics } from "@opentelemetry/sdk-node";

/** A reader that collects only when the test asks, so each collection is fresh and shows callback errors. */
class OnDemandReader extends sdkMetrics.MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** The two readers of {@link registerGaugeReaders}. */
export interface GaugeReaders {
  /** Cumulative: every series with its last value. */
  readonly reader: sdkMetrics.MetricReader;
  /**
   * Delta: only what was observed in this very collection (a cumulative series keeps its last
   * value after its callback is gone), so it shows when reporting has stopped.
   */
  readonly observedNow: sdkMetrics.MetricReader;
}

/**
 * Registers a global MeterProvider with two on-demand readers, for a test file that runs
 * Waybill's code in its own process: instruments take their meter from the global API, so call
 * this before the code under test starts.
 *
 * @example
 * const { reader, observedNow } = registerGaugeReaders();
 * const { resourceMetrics, errors } = await reader.collect();
 */
export function registerGaugeReaders(): GaugeReaders {
  const reader = new OnDemandReader();
  const observedNow = new OnDemandReader({
    aggregationTemporalitySelector: () => sdkMetrics.AggregationTemporality.DELTA,
  });
  metrics.setGlobalMeterProvider(new sdkMetrics.MeterProvider({ readers: [reader, observedNow] }));
  return { reader, observedNow };
}

import type { metrics } from "@opentelemetry/sdk-node";

/**
 * Bucket boundaries, in seconds, that the semantic conventions recommend for durations (the SDK's
 * default boundaries are meant for milliseconds and would put every RPC in the first bucket).
 */
export const durationBucketsSeconds: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/**
 * A view giving every histogram measured in seconds (`unit: "s"`) the {@link durationBucketsSeconds}
 * boundaries, whichever code created it, so that all durations are comparable on one dashboard.
 * Takes the SDK's metrics module, which is loaded only when metrics are exported.
 */
export function secondsHistogramView(sdkMetrics: typeof metrics): metrics.ViewOptions {
  return {
    instrumentType: sdkMetrics.InstrumentType.HISTOGRAM,
    instrumentUnit: "s",
    aggregation: {
      type: sdkMetrics.AggregationType.EXPLICIT_BUCKET_HISTOGRAM,
      options: { boundaries: [...durationBucketsSeconds] },
    },
  };
}

/**
 * Views dropping the pool metrics of the pg instrumentation (`db.client.connection.*`): the kit
 * reports its pools under the same names (services/kit/database/pool-metrics.ts), and two series
 * of one name would double every sum on a dashboard. Its `db.client.operation.duration` stays.
 */
export function droppedPgPoolViews(sdkMetrics: typeof metrics): metrics.ViewOptions[] {
  return [
    {
      meterName: "@opentelemetry/instrumentation-pg",
      instrumentName: "db.client.connection.*",
      aggregation: { type: sdkMetrics.AggregationType.DROP },
    },
  ];
}

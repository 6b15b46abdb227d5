/** Throughput and latency of one measured run. */
export interface RunStats {
  /** Operations that succeeded. */
  readonly ok: number;
  /** Operations that failed (any error). */
  readonly failed: number;
  /** Wall-clock duration of the run in milliseconds. */
  readonly durationMs: number;
  /** Successful operations per second. */
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** The value below which `fraction` of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/** Summarizes latencies (ms) of successful operations over a run. */
export function summarize(latenciesMs: readonly number[], failed: number, durationMs: number): RunStats {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    ok: sorted.length,
    failed,
    durationMs: Math.round(durationMs),
    perSecond: Math.round((sorted.length / durationMs) * 1000),
    p50Ms: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    p99Ms: round(percentile(sorted, 0.99)),
    maxMs: round(sorted.at(-1) ?? 0),
  };
}

import type { RunStats } from "./latency-stats.js";
import { alignTable } from "./text-table.js";

/** One scenario's result: Waybill's path and the raw ceiling measured in the same run. */
export interface ScenarioResult {
  readonly scenario: string;
  readonly concurrency: number;
  readonly waybill: RunStats;
  readonly ceiling: RunStats;
  /** Waybill's throughput divided by the ceiling's. */
  readonly ratio: number;
}

/** Puts a scenario's Waybill run beside its ceiling, with the ratio of their throughputs. */
export function compareToCeiling(
  scenario: string,
  concurrency: number,
  waybill: RunStats,
  ceiling: RunStats,
): ScenarioResult {
  const ratio = ceiling.perSecond === 0 ? 0 : Math.round((waybill.perSecond / ceiling.perSecond) * 100) / 100;
  return { scenario, concurrency, waybill, ceiling, ratio };
}

/** How a table names its paths and failures. */
export interface TableLabels {
  /** How Waybill was driven (default `waybill (SDK, gRPC)`). */
  readonly waybillPath?: string;
  /** Heading of the failures column (default `refused`). */
  readonly failed?: string;
  /** What the ceiling is (default `raw SQL ceiling`). */
  readonly ceilingPath?: string;
}

/** Renders results as an aligned table for people. */
export function formatTable(results: readonly ScenarioResult[], labels: TableLabels = {}): string {
  const waybillPath = labels.waybillPath ?? "waybill (SDK, gRPC)";
  const ceilingPath = labels.ceilingPath ?? "raw SQL ceiling";
  const header = ["scenario", "path", "ok/s", "p50 ms", "p95 ms", "p99 ms", "ok", labels.failed ?? "refused", "ratio"];
  const rows: string[][] = [];
  for (const result of results) {
    for (const [path, stats] of [
      [waybillPath, result.waybill],
      [ceilingPath, result.ceiling],
    ] as const) {
      rows.push([
        result.scenario,
        path,
        String(stats.perSecond),
        stats.p50Ms.toFixed(2),
        stats.p95Ms.toFixed(2),
        stats.p99Ms.toFixed(2),
        String(stats.ok),
        String(stats.failed),
        path === ceilingPath ? "" : result.ratio.toFixed(2),
      ]);
    }
  }
  return alignTable(header, rows, 2);
}

import type { AfterRun } from "./after-run.js";
import type { ScenarioResult } from "./report.js";

/** A scenario as the reports show it: the run beside its ceiling, and what followed it if measured. */
export type ReportedScenario = ScenarioResult &
  Partial<AfterRun> & {
    /** Arrivals per second of an open-loop scenario. */
    readonly ratePerSecond?: number;
  };

/** One benchmark's part of the results (`--json` prints `{ benchmarks: BenchDocument[] }`). */
export interface BenchDocument {
  /** `place-order` or `assignment`. */
  readonly benchmark: string;
  readonly results: readonly ReportedScenario[];
  /** How the report names the two paths (default Waybill beside the raw SQL ceiling). */
  readonly paths?: { readonly waybill: string; readonly ceiling: string };
  /** The benchmark's settings (orders, concurrency, …) and flags such as `checksPassed`. */
  readonly [setting: string]: unknown;
}

import type { AfterRun } from "./after-run.js";
import type { CheckResult } from "./check-result.js";
import { alignTable } from "./text-table.js";

/** A scenario's name with what followed its run. */
export type ScenarioAfterRun = AfterRun & { readonly scenario: string };

const ms = (value: number) => value.toFixed(1);

/** How the drain ended, for people: its time, or `not drained` with the timeout. */
export function drainText(after: AfterRun): string {
  return after.drain.drained ? String(after.drain.drainMs) : `not drained (${after.drain.timeoutMs / 1000} s)`;
}

/** Per scenario: drain time, events per order and the lag over every consumer. */
export function formatDrainTable(results: readonly ScenarioAfterRun[]): string {
  return alignTable(
    ["scenario", "drain ms", "events/order", "lag events", "lag p50", "lag p95", "lag p99", "lag max"],
    results.map((r) => [
      r.scenario,
      drainText(r),
      r.events.perOrder.toFixed(2),
      String(r.lag.overall.events),
      ms(r.lag.overall.p50Ms),
      ms(r.lag.overall.p95Ms),
      ms(r.lag.overall.p99Ms),
      ms(r.lag.overall.maxMs),
    ]),
  );
}

/** Commit → consumer p99 (ms) per consumer (rows) and scenario (columns); `-` where none was handled. */
export function formatLagTable(results: readonly ScenarioAfterRun[]): string {
  const consumers = [...new Set(results.flatMap((r) => r.lag.consumers.map((c) => c.consumer)))].sort();
  return alignTable(
    ["consumer (lag p99 ms / events)", ...results.map((r) => r.scenario)],
    consumers.map((name) => [
      name,
      ...results.map((r) => {
        const found = r.lag.consumers.find((c) => c.consumer === name);
        return found ? `${ms(found.p99Ms)} / ${found.events}` : "-";
      }),
    ]),
  );
}

/** Events per order by type (rows) and scenario (columns). */
export function formatEventsTable(results: readonly ScenarioAfterRun[]): string {
  const types = [...new Set(results.flatMap((r) => Object.keys(r.events.byType)))].sort();
  return alignTable(
    ["event type (per order)", ...results.map((r) => r.scenario)],
    [
      ...types.map((type) => [type, ...results.map((r) => (r.events.byType[type] ?? 0).toFixed(2))]),
      ["all", ...results.map((r) => r.events.perOrder.toFixed(2))],
    ],
  );
}

/** One line per check and scenario: PASS, FAIL (with its details) or SKIP. */
export function formatChecks(results: readonly ScenarioAfterRun[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const failed = r.checks.filter((c) => c.status !== "pass");
    lines.push(`${r.scenario}: ${r.checks.length - failed.length} of ${r.checks.length} passed`);
    for (const check of failed) lines.push(`  ${check.status.toUpperCase()} ${check.name}: ${checkText(check)}`);
  }
  return lines.join("\n");
}

/** A check's rule and details on one line. */
function checkText(check: CheckResult): string {
  return `${check.rule} — ${JSON.stringify(check.details)}`;
}

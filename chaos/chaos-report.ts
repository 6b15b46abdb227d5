import type { ChaosOptions, FaultName } from "./chaos-options.js";
import type { CheckResult } from "./checks/index.js";
import { type FaultRecord, faultLabel } from "./faults.js";
import type { DriverStats, Outcome } from "./order-driver.js";
import type { UnexpectedExit } from "./replica-set.js";

/** Everything a run found, for the table (and `--json`). */
export interface ChaosReport {
  readonly options: ChaosOptions;
  /** Seconds of load (placing orders while faults happen). */
  readonly loadSeconds: number;
  readonly stats: DriverStats;
  readonly faults: readonly FaultRecord[];
  readonly unexpectedExits: readonly UnexpectedExit[];
  readonly checks: readonly CheckResult[];
  /** The folder with the processes' logs (removed after a passing run unless kept). */
  readonly logDir: string;
}

/** True when every invariant held. */
export function allPassed(report: Pick<ChaosReport, "checks">): boolean {
  return report.checks.every((check) => check.passed);
}

/** Renders rows as an aligned plain-text table (numbers right-aligned). */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (/^\d+$/.test(cell) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const outcomes = (counts: Readonly<Record<Outcome, number>>) =>
  [
    `${counts.acknowledged} acknowledged`,
    counts.refused ? `${counts.refused} refused` : "",
    counts.aborted ? `${counts.aborted} aborted` : "",
    counts.unanswered ? `${counts.unanswered} never answered` : "",
    counts.pending ? `${counts.pending} still open` : "",
  ]
    .filter(Boolean)
    .join(", ");

const total = (counts: Readonly<Record<Outcome, number>>) => Object.values(counts).reduce((sum, n) => sum + n, 0);

/** What happened after each kind of fault: injected or not, and replicas that crashed within 30 s. */
function faultRows(report: ChaosReport): string[][] {
  const names = [...new Set(report.faults.map((fault) => fault.name))] as FaultName[];
  return names.map((name) => {
    const records = report.faults.filter((fault) => fault.name === name);
    const failed = records.filter((fault) => fault.error);
    const crashes = report.unexpectedExits.filter((exit) => {
      const before = report.faults.filter((fault) => fault.atSeconds <= exit.atSeconds).at(-1);
      return before?.name === name && exit.atSeconds - before.atSeconds < 30;
    });
    const details = [...new Set(records.map((fault) => fault.detail).filter(Boolean))];
    const result = [
      failed.length ? `${failed.length} not injected (${failed[0]?.error})` : "",
      crashes.length ? `${crashes.length} replica crash${crashes.length > 1 ? "es" : ""} after it` : "",
    ]
      .filter(Boolean)
      .join("; ");
    const shown = details.length > 3 ? [...details.slice(0, 3), "..."] : details;
    return [faultLabel(name, report.options), String(records.length), result || "no crash", shown.join("; ")];
  });
}

/** The run as text: the load, the faults, and one line per invariant, then the evidence of each failure. */
export function formatReport(report: ChaosReport): string {
  const { options, stats } = report;
  const header =
    `Chaos run: ${options.replicas} replicas, ${report.loadSeconds} s of load at ${options.ratePerSecond} orders/s, ` +
    `${options.skus} SKUs, client timeout ${options.clientTimeoutMs} ms`;
  const load = formatTable(
    ["load", "count", "result"],
    [
      ["PlaceOrder (one key per order, retried)", String(total(stats.placements)), outcomes(stats.placements)],
      ["AdjustStock restocks", String(total(stats.restocks)), outcomes(stats.restocks)],
      ["CancelOrder of acknowledged orders", String(total(stats.cancels)), outcomes(stats.cancels)],
      [
        "attempts (every call, retries included)",
        String(stats.attempts),
        stats.skipped ? `${stats.skipped} arrivals skipped (too many open)` : "",
      ],
    ],
  );
  const faults = formatTable(["fault", "count", "result", "details"], faultRows(report));
  const checks = formatTable(
    ["invariant", "result", "numbers"],
    report.checks.map((check) => [check.name, check.passed ? "pass" : "FAIL", check.numbers]),
  );
  const failures = report.checks
    .filter((check) => !check.passed)
    .map((check) => [`FAIL ${check.name}:`, ...check.evidence.map((line) => `  - ${line}`)].join("\n"));
  const verdictLine = allPassed(report)
    ? "Every invariant held."
    : `${failures.length} invariant(s) broken. Logs of PostgreSQL, NATS and every replica: ${report.logDir}\n` +
      `The same orders and restocks again: --seed ${options.seed}`;
  return [
    header,
    "",
    load,
    "",
    faults,
    "",
    checks,
    ...(failures.length ? ["", ...failures] : []),
    "",
    verdictLine,
  ].join("\n");
}

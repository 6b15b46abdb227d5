import { type OperationKind, type OperationMix, operationKinds } from "./operation-mix.js";
import { type RpcName, rpcsOf } from "./operations.js";
import type { CallStats, KindStats, LoadSummary } from "./recorder.js";
import type { Workload } from "./workload.js";

/** The document `--json` prints, and what the table is made from. */
export interface LoadReport {
  readonly target: {
    readonly baseUrl: string;
    readonly protocol: string;
    readonly brandId: string;
    /** Where the token came from (`--token`, `AUTH_SECRET`, ...), never the token. */
    readonly token: string;
  };
  readonly load: {
    readonly mode: "open" | "closed";
    readonly concurrency: number;
    readonly ratePerSecond?: number;
    readonly requests?: number;
    readonly durationMs?: number;
    readonly mix: OperationMix;
  };
  readonly workload: {
    readonly origin: Workload["origin"];
    readonly items: number;
    readonly customers: number;
    readonly currencyCode: string;
  };
  /** Ctrl-C ended the run early; the numbers cover what ran. */
  readonly interrupted: boolean;
  readonly elapsedMs: number;
  /** Per kind of operation (orders, stock, status, reads). */
  readonly operations: Readonly<Record<OperationKind, KindStats>>;
  /** Per RPC (the reads split into GetItem, ListOrders, GetOrder). */
  readonly rpcs: Readonly<Record<RpcName, CallStats>>;
  readonly overall: KindStats;
  /** Failed calls by Connect code, over all operations. */
  readonly errors: Readonly<Record<string, number>>;
  /** One message per code. */
  readonly errorSamples: Readonly<Record<string, string>>;
}

/** Puts the summary and what it ran on into one report. */
export function buildReport(
  context: Pick<LoadReport, "target" | "load" | "workload" | "interrupted" | "elapsedMs">,
  summary: LoadSummary,
): LoadReport {
  return {
    ...context,
    elapsedMs: Math.round(context.elapsedMs),
    operations: summary.kinds,
    rpcs: summary.rpcs,
    overall: summary.overall,
    errors: summary.overall.errors,
    errorSamples: summary.errorSamples,
  };
}

/** One line of what ran: `closed loop, 16 at once, 200 requests`, `open loop, 200/s for 30 s`. */
export function describeLoad(load: LoadReport["load"]): string {
  const shape =
    load.mode === "open"
      ? `open loop at ${load.ratePerSecond}/s (at most ${load.concurrency} in flight)`
      : `closed loop of ${load.concurrency}`;
  const size = load.requests !== undefined ? `${load.requests} requests` : `${(load.durationMs ?? 0) / 1000} s`;
  return `${shape}, ${size}`;
}

/** The report as a table for people, with the errors by code below it. */
export function formatReport(report: LoadReport): string {
  const header = ["operation", "count", "ok", "errors", "ok/s", "p50 ms", "p95 ms", "p99 ms", "max ms"];
  const row = (name: string, stats: CallStats) => [
    name,
    String(stats.count),
    String(stats.ok),
    String(stats.failed),
    stats.okPerSecond.toFixed(1),
    stats.p50Ms.toFixed(2),
    stats.p95Ms.toFixed(2),
    stats.p99Ms.toFixed(2),
    stats.maxMs.toFixed(2),
  ];
  const rows: string[][] = [];
  for (const kind of operationKinds) {
    if (report.load.mix[kind] === 0) continue;
    const rpcs = rpcsOf[kind] as readonly RpcName[];
    rows.push(row(rpcs.length === 1 ? `${kind} (${rpcs[0]})` : kind, report.operations[kind]));
    if (rpcs.length > 1) for (const rpc of rpcs) rows.push(row(`  ${rpc}`, report.rpcs[rpc]));
  }
  rows.push(row("overall", report.overall));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  const seconds = (report.elapsedMs / 1000).toFixed(1);
  const lines = [
    `Waybill load: ${report.target.baseUrl} (${report.target.protocol}), brand ${report.target.brandId}, ${describeLoad(report.load)}`,
    `${report.interrupted ? "interrupted (Ctrl-C) after" : "ran for"} ${seconds} s; latency of successful calls`,
    "",
    line(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
  ];
  const skipped = report.operations.status.skipped;
  if (skipped > 0) lines.push("", `status: ${skipped} skipped (no order of this run was waiting for a move then)`);
  const codes = Object.entries(report.errors).sort((a, b) => b[1] - a[1]);
  lines.push("", codes.length === 0 ? "errors: none" : "errors by code:");
  for (const [code, count] of codes) {
    lines.push(`  ${code.padEnd(20)} ${String(count).padStart(6)}  e.g. ${report.errorSamples[code] ?? ""}`);
  }
  return lines.join("\n");
}

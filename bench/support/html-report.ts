import type { BenchDocument, ReportedScenario } from "./bench-document.js";
import type { CheckResult } from "./check-result.js";
import { chartsScript } from "./html-report-script.js";

/** Text made safe inside HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON made safe inside a `<script>` element (no `</script>`, no HTML comment opener). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/** A table whose first `leftColumns` columns are text (left-aligned) and the others numbers; cells are HTML. */
const table = (header: readonly string[], rows: readonly (readonly string[])[], leftColumns = 1) => {
  const align = (i: number) => (i < leftColumns ? "" : ' class="n"');
  return `<table><thead><tr>${header.map((h, i) => `<th${align(i)}>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell, i) => `<td${align(i)}>${cell}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
};
const num = (value: number, digits = 2) => value.toFixed(digits);
const chart = (id: string, height = 320) =>
  `<div class="chart" style="height:${height}px"><canvas id="${id}"></canvas></div>`;

/** The scenarios' runs beside their ceilings, as in the printed table. */
function runsTable(
  results: readonly ReportedScenario[],
  paths = { waybill: "Waybill", ceiling: "raw SQL ceiling" },
): string {
  return table(
    ["scenario", "path", "ok/s", "p50 ms", "p95 ms", "p99 ms", "ok", "failed", "ratio"],
    results.flatMap((r) =>
      (
        [
          [paths.waybill, r.waybill],
          [paths.ceiling, r.ceiling],
        ] as const
      ).map(([path, s]) => [
        escapeHtml(r.scenario),
        path,
        String(s.perSecond),
        num(s.p50Ms),
        num(s.p95Ms),
        num(s.p99Ms),
        String(s.ok),
        String(s.failed),
        path === paths.waybill ? num(r.ratio) : "",
      ]),
    ),
    2,
  );
}

/** Drain, events per order and lag per scenario, then lag p99 per consumer, then the checks. */
function afterRunSection(results: readonly ReportedScenario[]): string {
  const measured = results.filter((r) => r.drain && r.lag && r.events && r.checks);
  if (measured.length === 0) return "";
  const drainCell = (r: ReportedScenario) =>
    r.drain!.drained
      ? String(r.drain!.drainMs)
      : `<span class="fail">not drained (${r.drain!.timeoutMs / 1000} s)</span>`;
  const consumers = [...new Set(measured.flatMap((r) => r.lag!.consumers.map((c) => c.consumer)))].sort();
  return `<h3>After each run</h3>${table(
    ["scenario", "drain ms", "events/order", "lag events", "lag p50", "lag p95", "lag p99", "lag max"],
    measured.map((r) => [
      escapeHtml(r.scenario),
      drainCell(r),
      num(r.events!.perOrder),
      String(r.lag!.overall.events),
      num(r.lag!.overall.p50Ms, 1),
      num(r.lag!.overall.p95Ms, 1),
      num(r.lag!.overall.p99Ms, 1),
      num(r.lag!.overall.maxMs, 1),
    ]),
  )}<h3>Commit → consumer p99 per consumer (ms / events)</h3>${table(
    ["consumer", ...measured.map((r) => r.scenario)],
    consumers.map((name) => [
      escapeHtml(name),
      ...measured.map((r) => {
        const c = r.lag!.consumers.find((found) => found.consumer === name);
        return c ? `${num(c.p99Ms, 1)} / ${c.events}` : "–";
      }),
    ]),
  )}${checksSection(measured)}`;
}

const status = (check: CheckResult) => `<span class="${check.status}">${check.status.toUpperCase()}</span>`;

/** The checks as a matrix (check × scenario), then the details of every one that did not pass. */
function checksSection(measured: readonly ReportedScenario[]): string {
  const names = [...new Set(measured.flatMap((r) => r.checks!.map((check) => check.name)))];
  const rules = new Map(measured.flatMap((r) => r.checks!.map((check) => [check.name, check.rule] as const)));
  const matrix = table(
    ["check", "rule", ...measured.map((r) => r.scenario)],
    names.map((name) => [
      escapeHtml(name),
      escapeHtml(rules.get(name) ?? ""),
      ...measured.map((r) => {
        const check = r.checks!.find((found) => found.name === name);
        return check ? status(check) : "–";
      }),
    ]),
    2,
  );
  const notPassed = measured.flatMap((r) =>
    r
      .checks!.filter((check) => check.status !== "pass")
      .map(
        (check) =>
          `<li>${escapeHtml(r.scenario)} — ${escapeHtml(check.name)} ${status(check)}: <code>${escapeHtml(JSON.stringify(check.details))}</code></li>`,
      ),
  );
  return `<h3>Checks</h3>${matrix}${notPassed.length > 0 ? `<ul>${notPassed.join("")}</ul>` : ""}`;
}

/**
 * A self-contained HTML page of the results: Chart.js (`chartJs`, its UMD build) and the data are
 * inlined, so the page opens offline from a file. Charts: throughput and latency percentiles of
 * Waybill beside the ceiling, drain time per PlaceOrder run, and consumer lag over time.
 */
export function renderHtmlReport(documents: readonly BenchDocument[], chartJs: string, generatedAt: Date): string {
  const sections = documents.map((d, i) => {
    const measured = d.results.filter((r) => r.lag);
    const lagCharts = measured
      .map((r, j) => `<h3>Consumer lag over time — ${escapeHtml(r.scenario)}</h3>${chart(`lag-${j}`)}`)
      .join("");
    return `<section><h2>${escapeHtml(d.benchmark)}</h2>${runsTable(d.results, d.paths)}
      <h3>Latency percentiles, Waybill beside the ceiling</h3>${chart(`latency-${i}`)}${afterRunSection(d.results)}
      ${measured.length > 0 ? `<h3>Drain time</h3>${chart("drain", 260)}${lagCharts}` : ""}</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Waybill bench ${escapeHtml(generatedAt.toISOString())}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #111827; max-width: 1150px; }
table { border-collapse: collapse; margin: 8px 0 16px; } th, td { border: 1px solid #e5e7eb; padding: 3px 8px; text-align: left; vertical-align: top; }
.n { text-align: right; } code { font-size: 11px; word-break: break-all; } li { margin: 4px 0; }
.chart { position: relative; margin: 8px 0 24px; } .pass { color: #16a34a; font-weight: 600; } .fail { color: #dc2626; font-weight: 600; } .skip { color: #d97706; font-weight: 600; }
</style></head><body>
<h1>Waybill bench</h1><p>Generated ${escapeHtml(generatedAt.toISOString())}. Every number was measured on the machine that ran the bench; see bench/README.md for what each means.</p>
<h2>Throughput, Waybill beside the ceiling</h2>${chart("throughput")}
${sections.join("\n")}
<script type="application/json" id="bench-data">${scriptJson(documents)}</script>
<script>${chartJs}</script>
<script>${chartsScript}</script>
</body></html>
`;
}

import { describe, expect, it } from "vitest";
import type { BenchDocument } from "./bench-document.js";
import { escapeHtml, renderHtmlReport, scriptJson } from "./html-report.js";
import { lagReport } from "./lag-stats.js";
import { summarize } from "./latency-stats.js";

describe("HTML report", () => {
  it("escapes text and keeps inlined JSON from closing its script", () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe("&#60;a href=&#34;x&#34;&#62;&#38;&#39;");
    expect(scriptJson({ s: "</script><!--" })).toBe('{"s":"\\u003c/script>\\u003c!--"}');
    expect(JSON.parse(scriptJson({ s: "</script>" }))).toEqual({ s: "</script>" });
  });

  it("inlines the chart library and the data, with a canvas per chart", () => {
    const stats = summarize([1, 2, 3], 0, 1000);
    const documents: BenchDocument[] = [
      {
        benchmark: "place-order",
        results: [
          {
            scenario: "steady <1/s>",
            concurrency: 1,
            waybill: stats,
            ceiling: stats,
            ratio: 1,
            drain: { drained: false, drainMs: null, timeoutMs: 120_000, outstanding: ["x"] },
            lag: lagReport([{ consumer: "inventory-orders", lagMs: 4, offsetMs: 0 }], 250),
            events: { orders: 1, events: 3, perOrder: 3, byType: { OrderPlaced: 1 } },
            checks: [{ name: "drained", rule: "r", status: "fail", details: {} }],
          },
        ],
      },
    ];
    const html = renderHtmlReport(documents, "window.Chart = function () {};", new Date(0));
    expect(html).toContain("window.Chart = function () {};");
    for (const id of ["throughput", "latency-0", "drain", "lag-0"]) expect(html).toContain(`<canvas id="${id}">`);
    expect(html).toContain("steady &#60;1/s&#62;");
    expect(html).toContain("not drained (120 s)");
    expect(html).toContain('<span class="fail">FAIL</span>');
    expect(html).not.toContain("<1/s>");
  });
});

import { describe, expect, it } from "vitest";
import { percentile, summarize } from "./latency-stats.js";

describe("latency stats", () => {
  it("takes nearest-rank percentiles", () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 0.5)).toBe(50);
    expect(percentile(samples, 0.99)).toBe(99);
    expect(percentile([], 0.5)).toBe(0);
  });

  it("summarizes throughput over the wall-clock duration", () => {
    const stats = summarize([3, 1, 2, 4], 1, 2000);
    expect(stats).toMatchObject({ ok: 4, failed: 1, perSecond: 2, p50Ms: 2, maxMs: 4 });
  });
});

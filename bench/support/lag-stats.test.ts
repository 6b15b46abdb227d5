import { describe, expect, it } from "vitest";
import { lagReport, summarizeLag } from "./lag-stats.js";

describe("lag stats", () => {
  it("summarizes one consumer's lags with nearest-rank percentiles", () => {
    const lags = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarizeLag("c", lags)).toEqual({
      consumer: "c",
      events: 100,
      p50Ms: 50,
      p95Ms: 95,
      p99Ms: 99,
      maxMs: 100,
    });
    expect(summarizeLag("none", [])).toMatchObject({ events: 0, p99Ms: 0, maxMs: 0 });
  });

  it("reports per consumer, over all consumers, and a p99 per bucket of production time", () => {
    const report = lagReport(
      [
        { consumer: "b", lagMs: 10, offsetMs: 0 },
        { consumer: "a", lagMs: 30, offsetMs: 100 },
        { consumer: "a", lagMs: 50, offsetMs: 600 },
      ],
      250,
      1000,
    );
    expect(report.consumers.map((c) => [c.consumer, c.events, c.maxMs])).toEqual([
      ["a", 2, 50],
      ["b", 1, 10],
    ]);
    expect(report.overall).toMatchObject({ consumer: "all consumers", events: 3, p50Ms: 30, maxMs: 50 });
    expect(report.series.startsMs).toEqual([0, 250, 500, 750, 1000]);
    expect(report.series.p99Ms).toEqual([30, null, 50, null, null]);
    expect(report.series.byConsumer).toEqual({ a: [30, null, 50, null, null], b: [10, null, null, null, null] });
  });

  it("keeps events produced after the window in its last bucket and before it in the first", () => {
    const report = lagReport(
      [
        { consumer: "a", lagMs: 5, offsetMs: -3 },
        { consumer: "a", lagMs: 7, offsetMs: 480 },
      ],
      250,
    );
    expect(report.series.p99Ms).toEqual([5, 7]);
  });
});

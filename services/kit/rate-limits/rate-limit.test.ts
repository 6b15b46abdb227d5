import { describe, expect, it } from "vitest";
import { describeRateLimit, maxRefillSeconds, parseRateLimit } from "./rate-limit.js";

describe("parseRateLimit", () => {
  it("reads a count per second, minute or hour, with an optional burst", () => {
    expect(parseRateLimit("50/s:100")).toEqual({ perSecond: 50, burst: 100 });
    expect(parseRateLimit("600/m")).toEqual({ perSecond: 10, burst: 600 });
    expect(parseRateLimit("30/m:5")).toEqual({ perSecond: 0.5, burst: 5 });
    expect(parseRateLimit("7200/h:10")).toEqual({ perSecond: 2, burst: 10 });
    expect(parseRateLimit(" 5 / s : 8 ")).toEqual({ perSecond: 5, burst: 8 });
  });

  it("defaults the burst to the count, rounded down and at least 1", () => {
    expect(parseRateLimit("50/s")).toEqual({ perSecond: 50, burst: 50 });
    expect(parseRateLimit("2.5/s")).toEqual({ perSecond: 2.5, burst: 2 });
    expect(parseRateLimit("0.5/s")).toEqual({ perSecond: 0.5, burst: 1 });
  });

  it("refuses text that is not count/unit[:burst], saying what a limit looks like", () => {
    for (const text of [
      "",
      "50",
      "50/d",
      "50/S",
      "-5/s",
      "50/s:",
      "50/s:1.5",
      "50/s:-1",
      "1e3/s",
      "fifty/s",
      "50/s:10:20",
    ]) {
      expect(() => parseRateLimit(text), text).toThrow(
        new RangeError(`"${text}" is not a limit like 50/s, 600/m or 50/s:100 (count/unit[:burst])`),
      );
    }
  });

  it("refuses a limit that allows nothing", () => {
    for (const text of ["0/s", "0.0/m", "5/s:0"]) {
      expect(() => parseRateLimit(text), text).toThrow(
        new RangeError(`"${text}" must allow at least one request: a count above 0 and a burst of 1 or more`),
      );
    }
  });

  it("refuses a bucket that takes longer than an hour to refill, and takes one that needs the hour exactly", () => {
    expect(maxRefillSeconds).toBe(3_600);
    expect(parseRateLimit("1/h")).toEqual({ perSecond: 1 / 3_600, burst: 1 });
    expect(parseRateLimit("20/h:20").burst).toBe(20);
    expect(parseRateLimit("1/m:60").burst).toBe(60);
    for (const text of ["1/h:2", "1/m:61", "1/s:3601"]) {
      expect(() => parseRateLimit(text), text).toThrow(
        new RangeError(`"${text}" takes longer than an hour to refill its burst: raise the rate or lower the burst`),
      );
    }
  });

  it("takes every limit whose burst refills in exactly one hour", () => {
    for (const text of ["65/h", "67/h", "115/h", "11/m:660", "21/m:1260"]) {
      expect(() => parseRateLimit(text), text).not.toThrow();
    }
  });
});

describe("describeRateLimit", () => {
  it("says the rate in the largest unit that has at least one request, and the burst", () => {
    expect(describeRateLimit({ perSecond: 50, burst: 100 })).toBe("50 requests per second (bursts of 100)");
    expect(describeRateLimit({ perSecond: 2.5, burst: 2 })).toBe("2.5 requests per second (bursts of 2)");
    expect(describeRateLimit({ perSecond: 0.5, burst: 5 })).toBe("30 requests per minute (bursts of 5)");
    expect(describeRateLimit(parseRateLimit("90/h"))).toBe("1.5 requests per minute (bursts of 90)");
    expect(describeRateLimit(parseRateLimit("20/h:20"))).toBe("20 requests per hour (bursts of 20)");
    expect(describeRateLimit(parseRateLimit("1/h"))).toBe("1 requests per hour (bursts of 1)");
  });

  it("rounds to two decimals", () => {
    expect(describeRateLimit({ perSecond: 10 / 3, burst: 3 })).toBe("3.33 requests per second (bursts of 3)");
  });
});

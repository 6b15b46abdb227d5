import { describe, expect, it } from "vitest";
import { afterFailure, backoffMs } from "./retry-schedule.js";

const policy = { baseMs: 1_000, maxMs: 60_000, maxAttempts: 4 };

describe("backoffMs", () => {
  it("doubles with every retry, between half and all of the ceiling", () => {
    expect([1, 2, 3, 4].map((retry) => backoffMs(retry, 1_000, 60_000, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect([1, 2, 3, 4].map((retry) => backoffMs(retry, 1_000, 60_000, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
  });

  it("stays under the cap, and spreads retries that failed together", () => {
    expect(backoffMs(30, 1_000, 60_000, () => 1)).toBe(60_000);
    const delays = new Set(Array.from({ length: 50 }, () => backoffMs(5, 1_000, 60_000)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(8_000);
  });
});

describe("afterFailure", () => {
  it("retries until the last attempt has failed, then gives up", () => {
    expect(afterFailure(1, policy, { random: () => 0.5 })).toEqual({ status: "retrying", delayMs: 750 });
    expect(afterFailure(3, policy, { random: () => 1 })).toEqual({ status: "retrying", delayMs: 4_000 });
    expect(afterFailure(4, policy)).toEqual({ status: "dead" });
  });

  it("gives up at once on a permanent failure", () => {
    expect(afterFailure(1, policy, { permanent: true })).toEqual({ status: "dead" });
  });
});

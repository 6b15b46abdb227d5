import { describe, expect, it } from "vitest";
import { awaitsCreate, callBudgetMs, leaseEnd, leaseHolds } from "./push-lease.js";

const at = (seconds: number) => new Date(Date.UTC(2026, 2, 1, 0, 0, seconds));

describe("push leases", () => {
  it("hold until their end, and not at or after it", () => {
    expect(leaseHolds(at(30), at(10))).toBe(true);
    expect(leaseHolds(at(30), at(30))).toBe(false);
    expect(leaseHolds(at(30), at(31))).toBe(false);
    expect(leaseHolds(null, at(0))).toBe(false);
  });

  it("end one lease after they are taken, and leave a quarter of it to record the outcome", () => {
    expect(leaseEnd(at(10), 20_000)).toEqual(at(30));
    expect(callBudgetMs(30_000)).toBe(22_500);
    expect(callBudgetMs(1_001)).toBe(750);
  });

  it("tell a create the platform has not confirmed from a campaign it has", () => {
    expect(awaitsCreate("")).toBe(true);
    expect(awaitsCreate("mp_1")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { planCancellation } from "./assignment-status.js";
import { createFlightPlan, recallReturnMs } from "./flight-plan.js";

describe("planCancellation", () => {
  it.each([
    [undefined, "tombstone"],
    ["queued", "dequeue"],
    ["assigned", "release"],
    ["picked_up", "recall"],
    ["en_route", "recall"],
    ["recalled", "nothing"],
    ["delivered", "nothing"],
    ["cancelled", "nothing"],
  ] as const)("cancelling an order whose assignment is %s means %s", (status, plan) => {
    expect(planCancellation(status)).toBe(plan);
  });
});

describe("flight plan", () => {
  const plan = createFlightPlan({ timeScale: 0.01, travelMs: 600_000, zoneTravelMs: { far: 900_000 }, loadMs: 60_000 });

  it("scales the durations and knows zones' own travel times", () => {
    expect(plan.loadMs).toBe(600);
    expect(plan.travelMs("near")).toBe(6_000);
    expect(plan.travelMs("far")).toBe(9_000);
  });

  it("brings a recalled drone back after as long as it has flown out, at most the whole way", () => {
    const departed = new Date(1_000_000);
    expect(recallReturnMs(plan, "near", departed, new Date(1_002_500))).toBe(2_500);
    expect(recallReturnMs(plan, "near", departed, new Date(1_050_000))).toBe(6_000);
    expect(recallReturnMs(plan, "near", null, new Date(1_002_500))).toBe(0);
  });
});

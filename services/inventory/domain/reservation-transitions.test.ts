import { describe, expect, it } from "vitest";
import { planTransition, statusAfter, statusesAllowing } from "./reservation-transitions.js";

describe("planTransition", () => {
  it.each([
    ["held", "confirm", "apply"],
    ["confirmed", "confirm", "unchanged"],
    ["committed", "confirm", "unchanged"],
    ["released", "confirm", "refused"],
    ["held", "release", "apply"],
    ["confirmed", "release", "apply"],
    ["released", "release", "unchanged"],
    ["committed", "release", "refused"],
    ["held", "commit", "apply"],
    ["confirmed", "commit", "apply"],
    ["committed", "commit", "unchanged"],
    ["released", "commit", "refused"],
  ] as const)("%s + %s is %s", (status, action, plan) => {
    expect(planTransition(status, action)).toBe(plan);
  });

  it("names the statuses an action moves from and the one it moves to", () => {
    expect(statusesAllowing("confirm")).toEqual(["held"]);
    expect(statusesAllowing("release").sort()).toEqual(["confirmed", "held"]);
    expect(statusesAllowing("commit").sort()).toEqual(["confirmed", "held"]);
    expect(statusAfter).toEqual({ confirm: "confirmed", release: "released", commit: "committed" });
  });
});

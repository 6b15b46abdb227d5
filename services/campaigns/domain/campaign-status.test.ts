import { describe, expect, it } from "vitest";
import type { DomainError } from "../../kit/errors/index.js";
import { assertStatusChange, awaitsPush } from "./campaign-status.js";

const kindOf = (run: () => void) => {
  try {
    run();
    return "allowed";
  } catch (error) {
    return (error as DomainError).kind;
  }
};

describe("assertStatusChange", () => {
  it.each([
    ["draft", "active", "allowed"],
    ["draft", "paused", "allowed"],
    ["active", "paused", "allowed"],
    ["paused", "active", "allowed"],
    ["active", "active", "allowed"],
    ["archived", "archived", "allowed"],
    ["active", "draft", "failed_precondition"],
    ["paused", "draft", "failed_precondition"],
    ["archived", "active", "failed_precondition"],
    ["active", "archived", "invalid_argument"],
  ] as const)("%s to %s is %s", (from, to, outcome) => {
    expect(kindOf(() => assertStatusChange(from, to))).toBe(outcome);
  });
});

describe("awaitsPush", () => {
  it("is true for pending and failed campaigns only", () => {
    expect(["pending", "synced", "failed", "local_only"].filter((state) => awaitsPush(state as never))).toEqual([
      "pending",
      "failed",
    ]);
  });
});

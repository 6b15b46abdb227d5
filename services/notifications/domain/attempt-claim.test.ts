import { describe, expect, it } from "vitest";
import { claimDecision, interruptedAttemptError } from "./attempt-claim.js";

const policy = { baseMs: 1_000, maxMs: 3_600_000, maxAttempts: 3 };
const now = new Date("2031-01-01T00:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);

describe("claimDecision", () => {
  it("counts the attempt as it begins and leases the notification for the lease", () => {
    expect(claimDecision({ attempts: 0, interrupted: false }, policy, { now, leaseMs: 5_000 })).toEqual({
      kind: "attempt",
      attempt: 1,
      leaseUntil: later(5_000),
      interruptedError: undefined,
    });
  });

  it("reports an interrupted attempt and retries, on the backoff schedule when that is longer than the lease", () => {
    const slowRetry = { ...policy, baseMs: 60_000, maxAttempts: 5 };
    expect(
      claimDecision({ attempts: 1, interrupted: true }, slowRetry, { now, leaseMs: 5_000, random: () => 1 }),
    ).toEqual({
      kind: "attempt",
      attempt: 2,
      leaseUntil: later(120_000),
      interruptedError: "attempt 1 was interrupted before its outcome was recorded",
    });
    expect(claimDecision({ attempts: 1, interrupted: true }, policy, { now, leaseMs: 5_000, random: () => 1 })).toEqual(
      {
        kind: "attempt",
        attempt: 2,
        leaseUntil: later(5_000),
        interruptedError: interruptedAttemptError(1),
      },
    );
  });

  it("leases the last attempt for the lease alone, and gives up when that one was interrupted", () => {
    const last = claimDecision({ attempts: 2, interrupted: false }, policy, { now, leaseMs: 5_000 });
    expect(last).toMatchObject({ kind: "attempt", attempt: 3, leaseUntil: later(5_000) });
    expect(claimDecision({ attempts: 3, interrupted: true }, policy, { now, leaseMs: 5_000 })).toEqual({
      kind: "give-up",
      interruptedError: "attempt 3 was interrupted before its outcome was recorded",
    });
  });
});

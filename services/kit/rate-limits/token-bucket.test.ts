import { describe, expect, it } from "vitest";
import { takeTokens } from "./token-bucket.js";

const limit = { perSecond: 10, burst: 20 };
const t0 = 1_700_000_000_000;

describe("takeTokens", () => {
  it("treats a missing state as a full bucket", () => {
    expect(takeTokens(undefined, limit, 3, t0)).toEqual({
      granted: 3,
      state: { tokens: 17, atMs: t0 },
      retryAfterMs: 0,
    });
    expect(takeTokens(undefined, limit, 50, t0)).toEqual({
      granted: 20,
      state: { tokens: 0, atMs: t0 },
      retryAfterMs: 0,
    });
  });

  it("refills by the time elapsed, never above the burst", () => {
    expect(takeTokens({ tokens: 0, atMs: t0 }, limit, 50, t0 + 500).granted).toBe(5);
    expect(takeTokens({ tokens: 4, atMs: t0 }, limit, 50, t0 + 1_000).granted).toBe(14);
    const idle = takeTokens({ tokens: 0, atMs: t0 }, limit, 50, t0 + 3_600_000);
    expect(idle.granted).toBe(20);
    expect(idle.state).toEqual({ tokens: 0, atMs: t0 + 3_600_000 });
    expect(takeTokens({ tokens: 19, atMs: t0 }, limit, 0, t0 + 60_000).state.tokens).toBe(20);
  });

  it("grants whole tokens only and keeps the fraction for later", () => {
    const first = takeTokens({ tokens: 0, atMs: t0 }, limit, 5, t0 + 250);
    expect(first.granted).toBe(2);
    expect(first.state).toEqual({ tokens: 0.5, atMs: t0 + 250 });
    const second = takeTokens(first.state, limit, 5, t0 + 300);
    expect(second.granted).toBe(1);
    expect(second.state.tokens).toBeCloseTo(0, 10);
  });

  it("refills nothing when the clock went back, and keeps the later time", () => {
    const result = takeTokens({ tokens: 2.5, atMs: t0 + 10_000 }, limit, 5, t0);
    expect(result.granted).toBe(2);
    expect(result.state).toEqual({ tokens: 0.5, atMs: t0 + 10_000 });
    // The time that went back is not counted later either.
    expect(takeTokens(result.state, limit, 5, t0 + 10_050).granted).toBe(1);
  });

  it("says how long until one whole token is there when it grants nothing", () => {
    expect(takeTokens({ tokens: 0, atMs: t0 }, limit, 1, t0)).toEqual({
      granted: 0,
      state: { tokens: 0, atMs: t0 },
      retryAfterMs: 100,
    });
    expect(takeTokens({ tokens: 0.5, atMs: t0 }, limit, 1, t0).retryAfterMs).toBe(50);
    expect(takeTokens({ tokens: 0, atMs: t0 }, limit, 1, t0 + 30).retryAfterMs).toBe(70);
    // Rounded up to a whole millisecond: never a wait that is too short.
    expect(takeTokens({ tokens: 0, atMs: t0 }, { perSecond: 3, burst: 3 }, 1, t0).retryAfterMs).toBe(334);
    expect(takeTokens({ tokens: 0, atMs: t0 }, { perSecond: 20 / 3_600, burst: 20 }, 1, t0).retryAfterMs).toBe(180_000);
    // A partial grant is a grant: no wait.
    expect(takeTokens({ tokens: 1.5, atMs: t0 }, limit, 3, t0)).toMatchObject({ granted: 1, retryAfterMs: 0 });
  });

  it("grants a token to a caller who waited the retryAfterMs it was told", () => {
    for (const [perSecond, tokens, at] of [
      [10, 0, 0],
      [10, 0, 30],
      [3, 0, 0],
      [0.5, 0.2, 0],
      [20 / 3_600, 0, 0],
    ] as const) {
      const refused = takeTokens({ tokens, atMs: t0 }, { perSecond, burst: 5 }, 1, t0 + at);
      expect(refused.granted).toBe(0);
      const retried = takeTokens(refused.state, { perSecond, burst: 5 }, 1, t0 + at + refused.retryAfterMs);
      expect(retried.granted, `${perSecond}/s from ${tokens} at +${at} ms`).toBe(1);
    }
  });

  it("grants a token exactly retryAfterMs later, whatever the rounding", () => {
    const refused = takeTokens({ tokens: 0, atMs: t0 }, limit, 1, t0 + 8);
    expect(refused.retryAfterMs).toBe(92);
    expect(takeTokens(refused.state, limit, 1, t0 + 8 + 92).granted).toBe(1);
  });
});

// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { flightPosition, isMoving } from "./flight-position.js";

describe("flightPosition", () => {
  it("keeps a drone on the ground at base", () => {
    expect(flightPosition({ leg: "ground" }, 5_000)).toEqual({ phase: "base", progress: 0 });
    expect(flightPosition({ leg: "arrived" }, 5_000)).toEqual({ phase: "arrived", progress: 1 });
  });

  it("moves a drone flying out from base to the customer between take-off and the expected arrival", () => {
    const out = { leg: "outbound", departMs: 10_000, arriveMs: 20_000 } as const;
    expect(flightPosition(out, 10_000)).toEqual({ phase: "outbound", progress: 0 });
    expect(flightPosition(out, 12_500)).toEqual({ phase: "outbound", progress: 0.25 });
    expect(flightPosition(out, 19_000).progress).toBeCloseTo(0.9);
    // Before take-off (a clock slightly behind the server's) it is still at base.
    expect(flightPosition(out, 9_000)).toEqual({ phase: "outbound", progress: 0 });
    // Late: it waits at the customer until the hand-over is reported.
    expect(flightPosition(out, 25_000)).toEqual({ phase: "arrived", progress: 1 });
  });

  it("flies back from the customer after a delivery, at the same speed", () => {
    const back = { leg: "returning", departMs: 0, arriveMs: 8_000, turnMs: 8_000 } as const;
    expect(flightPosition(back, 8_000)).toEqual({ phase: "returning", progress: 1 });
    expect(flightPosition(back, 10_000)).toEqual({ phase: "returning", progress: 0.75 });
    expect(flightPosition(back, 16_000)).toEqual({ phase: "returning", progress: 0 });
    expect(flightPosition(back, 30_000)).toEqual({ phase: "returning", progress: 0 });
  });

  it("turns a recalled drone where it was and lands it after as long as it had flown out", () => {
    // Recalled a quarter of the way out (2 s of an 8 s flight): back at base 2 s later.
    const recalled = { leg: "returning", departMs: 0, arriveMs: 8_000, turnMs: 2_000 } as const;
    expect(flightPosition(recalled, 2_000)).toEqual({ phase: "returning", progress: 0.25 });
    expect(flightPosition(recalled, 3_000)).toEqual({ phase: "returning", progress: 0.125 });
    expect(flightPosition(recalled, 4_000)).toEqual({ phase: "returning", progress: 0 });
  });

  it("says the position is unknown when the times to place it are missing", () => {
    expect(flightPosition({ leg: "outbound", departMs: 1_000 }, 2_000)).toEqual({
      phase: "outbound",
      progress: undefined,
    });
    expect(flightPosition({ leg: "returning", turnMs: 1_000 }, 2_000)).toEqual({
      phase: "returning",
      progress: undefined,
    });
  });

  it("treats a flight of no duration as already there", () => {
    expect(flightPosition({ leg: "outbound", departMs: 5_000, arriveMs: 5_000 }, 5_000)).toEqual({
      phase: "arrived",
      progress: 1,
    });
    expect(flightPosition({ leg: "returning", departMs: 5_000, arriveMs: 5_000, turnMs: 5_000 }, 5_000)).toEqual({
      phase: "returning",
      progress: 0,
    });
  });
});

describe("isMoving", () => {
  it("is true only between base and the customer, with a known position", () => {
    expect(isMoving({ phase: "outbound", progress: 0.5 })).toBe(true);
    expect(isMoving({ phase: "returning", progress: 0.5 })).toBe(true);
    expect(isMoving({ phase: "outbound", progress: 0 })).toBe(true);
    expect(isMoving({ phase: "arrived", progress: 1 })).toBe(false);
    expect(isMoving({ phase: "returning", progress: 0 })).toBe(false);
    expect(isMoving({ phase: "base", progress: 0 })).toBe(false);
    expect(isMoving({ phase: "outbound", progress: undefined })).toBe(false);
  });
});

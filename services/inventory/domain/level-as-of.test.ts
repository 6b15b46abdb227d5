import { describe, expect, it } from "vitest";
import { levelAsOf, levelsDiffer } from "./level-as-of.js";

describe("levelAsOf", () => {
  it("adds the entries after the snapshot to it", () => {
    expect(
      levelAsOf({ onHand: 10, reserved: 2, sequence: 100 }, { onHand: -1, reserved: 1, lastSequence: 103, entries: 3 }),
    ).toEqual({ onHand: 9, reserved: 3, sequence: 103 });
  });

  it("keeps the snapshot's sequence when nothing followed it, and starts from zero without a snapshot", () => {
    expect(
      levelAsOf({ onHand: 4, reserved: 1, sequence: 50 }, { onHand: 0, reserved: 0, lastSequence: 0, entries: 0 }),
    ).toEqual({ onHand: 4, reserved: 1, sequence: 50 });
    expect(levelAsOf(undefined, { onHand: 7, reserved: 0, lastSequence: 2, entries: 2 })).toEqual({
      onHand: 7,
      reserved: 0,
      sequence: 2,
    });
    expect(levelAsOf(undefined, { onHand: 0, reserved: 0, lastSequence: 0, entries: 0 })).toEqual({
      onHand: 0,
      reserved: 0,
      sequence: 0,
    });
  });
});

describe("levelsDiffer", () => {
  it("compares on hand, reserved and sequence", () => {
    const level = { onHand: 5, reserved: 1, sequence: 3 };
    expect(levelsDiffer(level, { ...level })).toBe(false);
    expect(levelsDiffer(level, { ...level, onHand: 6 })).toBe(true);
    expect(levelsDiffer(level, { ...level, reserved: 0 })).toBe(true);
    expect(levelsDiffer(level, { ...level, sequence: 4 })).toBe(true);
  });
});

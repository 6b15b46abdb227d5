import { describe, expect, it } from "vitest";
import { createSequenceGate } from "./sequence-gate.js";

describe("createSequenceGate", () => {
  it("admits each SKU's sequences only when they move forward", () => {
    const gate = createSequenceGate();
    expect(gate.admit("A", 3)).toBe(true);
    expect(gate.admit("A", 3)).toBe(false);
    expect(gate.admit("A", 2)).toBe(false);
    expect(gate.admit("B", 1)).toBe(true);
    expect(gate.admit("A", 5)).toBe(true);
    expect(gate.admit("A", 4)).toBe(false);
  });

  it("admits sequence 0 of a never-changed item once", () => {
    const gate = createSequenceGate();
    expect(gate.admit("A", 0)).toBe(true);
    expect(gate.admit("A", 0)).toBe(false);
  });
});

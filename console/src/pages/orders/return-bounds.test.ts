// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { readReturnQuantity, returnableUnits } from "./return-bounds.js";

describe("return quantities", () => {
  it("bounds a line by what was delivered minus what came back", () => {
    expect(returnableUnits({ quantity: 5n, returnedQuantity: 2n })).toBe(3n);
    expect(returnableUnits({ quantity: 2n, returnedQuantity: 2n })).toBe(0n);
  });

  it("reads empty and zero as nothing, and whole numbers up to the bound as units", () => {
    const line = { quantity: 5n, returnedQuantity: 2n };
    expect(readReturnQuantity("", line)).toEqual({ kind: "none" });
    expect(readReturnQuantity(" 0 ", line)).toEqual({ kind: "none" });
    expect(readReturnQuantity("3", line)).toEqual({ kind: "units", units: 3n });
    expect(readReturnQuantity("1", line)).toEqual({ kind: "units", units: 1n });
  });

  it("refuses more than is left, and what is no whole number", () => {
    const line = { quantity: 5n, returnedQuantity: 2n };
    expect(readReturnQuantity("4", line)).toEqual({ kind: "invalid", message: "at most 3 left to return" });
    expect(readReturnQuantity("-1", line)).toMatchObject({ kind: "invalid" });
    expect(readReturnQuantity("1.5", line)).toMatchObject({ kind: "invalid" });
  });
});

import { describe, expect, it } from "vitest";
import { shortagesByLine } from "./line-shortages.js";

describe("shortagesByLine", () => {
  it("marks every line of a short SKU with what is available", () => {
    const lines = [
      { sku: "TEA-1", quantity: "5" },
      { sku: "MUG-2", quantity: "1" },
      { sku: " TEA-1 ", quantity: "4" },
      { sku: "CUP-3", quantity: "9" },
    ];
    const marks = shortagesByLine(lines, [
      { sku: "TEA-1", requested: 9n, available: 3n },
      { sku: "CUP-3", requested: 9n, available: 0n },
    ]);
    expect(marks).toEqual({
      0: "Only 3 of TEA-1 available (9 requested)",
      2: "Only 3 of TEA-1 available (9 requested)",
      3: "CUP-3 is out of stock (9 requested)",
    });
  });
});

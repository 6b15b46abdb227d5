import { describe, expect, it } from "vitest";
import { planReturn } from "./plan-return.js";

const lines = [
  { lineNumber: 1, sku: "TEA", quantity: 3, returnedQuantity: 0, unitPriceMinor: 200 },
  { lineNumber: 2, sku: "MUG", quantity: 1, returnedQuantity: 0, unitPriceMinor: 1000 },
];

describe("planReturn", () => {
  it("returns part of a line with its value, leaving the order not fully returned", () => {
    expect(planReturn(lines, [{ lineNumber: 1, quantity: 2 }])).toEqual({
      lines: [{ lineNumber: 1, sku: "TEA", quantity: 2, amountMinor: 400 }],
      amountMinor: 400,
      fullyReturned: false,
    });
  });

  it("is fully returned when the last units of every line come back", () => {
    const partly = lines.map((line) => (line.lineNumber === 1 ? { ...line, returnedQuantity: 2 } : line));
    const plan = planReturn(partly, [
      { lineNumber: 1, quantity: 1 },
      { lineNumber: 2, quantity: 1 },
    ]);
    expect(plan).toMatchObject({ amountMinor: 1200, fullyReturned: true });
  });

  it("refuses more than is left on a line, and unknown lines", () => {
    const partly = lines.map((line) => (line.lineNumber === 1 ? { ...line, returnedQuantity: 2 } : line));
    expect(() => planReturn(partly, [{ lineNumber: 1, quantity: 2 }])).toThrow(
      expect.objectContaining({
        kind: "failed_precondition",
        message: "line 1 (TEA) has 1 units left to return but 2 were returned",
      }),
    );
    expect(() => planReturn(lines, [{ lineNumber: 3, quantity: 1 }])).toThrow(
      expect.objectContaining({ kind: "invalid_argument" }),
    );
  });
});

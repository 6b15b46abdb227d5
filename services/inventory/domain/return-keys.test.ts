import { describe, expect, it } from "vitest";
import { keyLineReturns } from "./return-keys.js";

describe("keyLineReturns", () => {
  const lines = [
    { lineNumber: 1, sku: "A", quantity: 1 },
    { lineNumber: 2, sku: "B", quantity: 2 },
  ];

  it("keys a line return by line and returned total, whatever the event id", () => {
    const totals = new Map([
      [1, 1],
      [2, 2],
    ]);
    const first = keyLineReturns(lines, totals, "event-1");
    expect(first).toEqual([
      { key: "line-1-returned-1", sku: "A", quantity: 1 },
      { key: "line-2-returned-2", sku: "B", quantity: 2 },
    ]);
    expect(keyLineReturns(lines, totals, "event-2")).toEqual(first);
  });

  it("gives a later return of the same line a new key", () => {
    expect(keyLineReturns([lines[0]!], new Map([[1, 2]]), "e")[0]?.key).toBe("line-1-returned-2");
  });

  it("falls back to the event id when the total is unknown, and skips empty lines", () => {
    expect(keyLineReturns([...lines, { lineNumber: 3, sku: "C", quantity: 0 }], new Map(), "ev")).toEqual([
      { key: "line-1-event-ev", sku: "A", quantity: 1 },
      { key: "line-2-event-ev", sku: "B", quantity: 2 },
    ]);
  });
});

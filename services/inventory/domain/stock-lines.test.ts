import { describe, expect, it } from "vitest";
import { compareSkus, sumStockLines } from "./stock-lines.js";

describe("sumStockLines", () => {
  it("sums repeated SKUs and sorts by SKU", () => {
    expect(
      sumStockLines([
        { sku: "b", quantity: 1 },
        { sku: "A", quantity: 2 },
        { sku: "b", quantity: 3 },
        { sku: "B", quantity: 1 },
      ]),
    ).toEqual([
      { sku: "A", quantity: 2 },
      { sku: "B", quantity: 1 },
      { sku: "b", quantity: 4 },
    ]);
  });

  it("orders by code unit like the C collation, whatever the input order", () => {
    const skus = ["a-1", "A_1", "A.1", "A-1", "a.1", "Z9", "0"];
    const sorted = sumStockLines(skus.map((sku) => ({ sku, quantity: 1 }))).map((line) => line.sku);
    expect(sorted).toEqual(["0", "A-1", "A.1", "A_1", "Z9", "a-1", "a.1"]);
    expect(sumStockLines([...skus].reverse().map((sku) => ({ sku, quantity: 1 }))).map((line) => line.sku)).toEqual(
      sorted,
    );
    expect(compareSkus("x", "x")).toBe(0);
  });
});

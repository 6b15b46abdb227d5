import { describe, expect, it } from "vitest";
import { priceOrder } from "./price-order.js";

const held = (sku: string, quantity: number, unitPriceMinor: number, currencyCode = "EUR") => ({
  sku,
  name: `Item ${sku}`,
  quantity,
  unitPriceMinor,
  currencyCode,
});

describe("priceOrder", () => {
  it("prices lines in request order from the hold, numbering them from 1", () => {
    const result = priceOrder(
      [
        { sku: "TEA", quantity: 2 },
        { sku: "MUG", quantity: 1 },
      ],
      [held("MUG", 1, 1250), held("TEA", 2, 350)],
    );
    expect(result).toEqual({
      ok: true,
      order: {
        currencyCode: "EUR",
        totalMinor: 1950,
        totalUnits: 3,
        lines: [
          { lineNumber: 1, sku: "TEA", name: "Item TEA", quantity: 2, unitPriceMinor: 350, lineTotalMinor: 700 },
          { lineNumber: 2, sku: "MUG", name: "Item MUG", quantity: 1, unitPriceMinor: 1250, lineTotalMinor: 1250 },
        ],
      },
    });
  });

  it("matches a SKU repeated on several lines against the summed hold", () => {
    const result = priceOrder(
      [
        { sku: "TEA", quantity: 2 },
        { sku: "TEA", quantity: 3 },
      ],
      [held("TEA", 5, 100)],
    );
    expect(result).toMatchObject({
      ok: true,
      order: { totalMinor: 500, totalUnits: 5, lines: [{ lineNumber: 1 }, { lineNumber: 2 }] },
    });
  });

  it("refuses a hold that differs from the request", () => {
    expect(priceOrder([{ sku: "TEA", quantity: 2 }], [held("TEA", 3, 100)])).toMatchObject({
      ok: false,
      problem: "reservation_mismatch",
    });
    expect(priceOrder([{ sku: "TEA", quantity: 2 }], [held("TEA", 2, 100), held("MUG", 1, 100)])).toMatchObject({
      ok: false,
      problem: "reservation_mismatch",
    });
  });

  it("refuses lines priced in several currencies", () => {
    const result = priceOrder(
      [
        { sku: "TEA", quantity: 1 },
        { sku: "MUG", quantity: 1 },
      ],
      [held("TEA", 1, 100, "USD"), held("MUG", 1, 100, "EUR")],
    );
    expect(result).toEqual({
      ok: false,
      problem: "mixed_currencies",
      message: "the items of an order must share one currency but these are priced in EUR and USD",
    });
  });
});

import { describe, expect, it } from "vitest";
import { DomainError } from "../../kit/errors/index.js";
import { planItemUpdate } from "./item-update.js";

const input = { name: "Mug", unitPrice: { currencyCode: "EUR", minorUnits: 250 }, lowStockThreshold: 4 };

describe("planItemUpdate", () => {
  it("changes only the fields the mask names, in either spelling", () => {
    expect(planItemUpdate({ ...input, paths: ["name"] })).toEqual({
      changes: { name: "Mug" },
      changedFields: ["name"],
    });
    expect(planItemUpdate({ ...input, paths: ["unitPrice", "low_stock_threshold", "unit_price"] })).toEqual({
      changes: { currency_code: "EUR", unit_price_minor: 250, low_stock_threshold: 4 },
      changedFields: ["unit_price", "low_stock_threshold"],
    });
  });

  it.each([
    [[], "at least one"],
    [["sku"], "sku"],
    [["stock"], "stock"],
  ])("refuses the mask %j", (paths, text) => {
    expect(() => planItemUpdate({ ...input, paths })).toThrow(text);
  });

  it("refuses an empty name and a missing price when the mask names them", () => {
    const error = (() => {
      try {
        planItemUpdate({ ...input, name: " ", paths: ["name"] });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe("invalid_argument");
    expect(() => planItemUpdate({ ...input, unitPrice: undefined, paths: ["unit_price"] })).toThrow(
      "unit_price is required",
    );
    expect(planItemUpdate({ ...input, name: "", paths: ["low_stock_threshold"] }).changes).toEqual({
      low_stock_threshold: 4,
    });
  });
});

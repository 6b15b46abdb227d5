// @vitest-environment happy-dom
import { CreateItemRequestSchema } from "@waybill/sdk/inventory";
import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "./field-errors.js";
import { checkRequest } from "./validate-request.js";

describe("checkRequest", () => {
  const valid = {
    brandId: "acme",
    sku: "MUG-1",
    name: "Mug",
    unitPrice: { currencyCode: "EUR", minorUnits: 1250n },
    lowStockThreshold: 5n,
    idempotencyKey: "k1",
  };

  it("passes a request that keeps the contract's rules", () => {
    const checked = checkRequest(CreateItemRequestSchema, valid);
    expect(checked.valid).toBe(true);
  });

  it("names the broken fields in proto paths, which the form maps to its inputs", () => {
    const checked = checkRequest(CreateItemRequestSchema, {
      ...valid,
      sku: "bad sku!",
      name: "",
      unitPrice: { currencyCode: "eur", minorUnits: -1n },
    });
    expect(checked.valid).toBe(false);
    if (checked.valid) return;
    const errors = fieldErrorsOf(checked.violations, {
      sku: "sku",
      name: "name",
      unit_price: "price",
      "unit_price.currency_code": "currency",
    });
    expect(Object.keys(errors.byField).sort()).toEqual(["currency", "name", "price", "sku"]);
    expect(errors.byField.price).toBe("unit price must not be negative");
  });
});

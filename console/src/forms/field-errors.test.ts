// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { fieldErrorsOf, hasFieldErrors, noFieldErrors } from "./field-errors.js";

const fields = { sku: "sku", name: "name", unit_price: "price", "unit_price.currency_code": "currency" };

describe("fieldErrorsOf", () => {
  it("places each violation on the field that edits its path, the longest prefix first", () => {
    const errors = fieldErrorsOf(
      [
        { field: "sku", message: "bad sku" },
        { field: "unit_price.minor_units", message: "negative" },
        { field: "unit_price.currency_code", message: "not a currency" },
      ],
      fields,
    );
    expect(errors.byField).toEqual({ sku: "bad sku", price: "negative", currency: "not a currency" });
    expect(errors.unplaced).toEqual([]);
  });

  it("keeps the first message of a field and leaves unknown paths unplaced", () => {
    const errors = fieldErrorsOf(
      [
        { field: "name", message: "too short" },
        { field: "name", message: "too long" },
        { field: "idempotency_key", message: "required" },
        { field: "", message: "whole request" },
        { field: "skus", message: "not a prefix of sku" },
      ],
      fields,
    );
    expect(errors.byField).toEqual({ name: "too short" });
    expect(errors.unplaced).toEqual(["idempotency_key: required", "whole request", "skus: not a prefix of sku"]);
  });

  it("maps list subscripts to the list's field", () => {
    expect(fieldErrorsOf([{ field: "lines[2].quantity", message: "≥ 1" }], { lines: "lines" }).byField).toEqual({
      lines: "≥ 1",
    });
  });

  it("reports whether anything is to show", () => {
    expect(hasFieldErrors(noFieldErrors)).toBe(false);
    expect(hasFieldErrors(fieldErrorsOf([{ field: "x", message: "y" }], {}))).toBe(true);
  });
});

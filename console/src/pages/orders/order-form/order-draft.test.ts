// @vitest-environment happy-dom
import { PlaceOrderRequestSchema } from "@waybill/sdk/orders";
import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "../../../forms/field-errors.js";
import { checkRequest } from "../../../forms/validate-request.js";
import { draftRequest, emptyDraft, type OrderDraft, orderFieldMap, parseQuantity } from "./order-draft.js";

const draft: OrderDraft = {
  ...emptyDraft,
  brandId: "acme",
  customerId: "0b9f4a5e-8d1c-4d1e-9a43-3a8f2f0c7a11",
  deliveryZone: "berlin-mitte",
  lines: [
    { sku: "TEA-1", quantity: "2" },
    { sku: "MUG-2", quantity: "1" },
  ],
  address: { ...emptyDraft.address, recipientName: "Ada", line1: "Street 1", city: "Berlin", countryCode: "de" },
};

describe("draftRequest", () => {
  it("builds a request the contract accepts, the country in upper case", () => {
    const { init, violations } = draftRequest(draft);
    expect(violations).toEqual([]);
    const checked = checkRequest(PlaceOrderRequestSchema, { ...init, idempotencyKey: "k" });
    expect(checked.valid).toBe(true);
    expect(init.deliveryAddress?.countryCode).toBe("DE");
    expect(init.lines).toEqual([
      { sku: "TEA-1", quantity: 2n },
      { sku: "MUG-2", quantity: 1n },
    ]);
  });

  it("marks a quantity that is not a number, and the contract's own rules on their fields", () => {
    const bad: OrderDraft = {
      ...draft,
      lines: [
        { sku: "TEA-1", quantity: "two" },
        { sku: "bad sku!", quantity: "1" },
      ],
      address: { ...draft.address, city: "" },
    };
    const { init, violations } = draftRequest(bad);
    const checked = checkRequest(PlaceOrderRequestSchema, { ...init, idempotencyKey: "k" });
    const all = [...violations, ...(checked.valid ? [] : checked.violations)];
    const errors = fieldErrorsOf(all, orderFieldMap(bad.lines.length));
    expect(errors.byField["line-0-quantity"]).toBe("enter a whole number of units");
    expect(errors.byField["line-1-sku"]).toBeDefined();
    expect(errors.byField.city).toBeDefined();
    expect(errors.byField["line-0-sku"]).toBeUndefined();
    expect(errors.unplaced).toEqual([]);
  });

  it("refuses an order without lines on the lines as a whole", () => {
    const { init } = draftRequest({ ...draft, lines: [] });
    const checked = checkRequest(PlaceOrderRequestSchema, { ...init, idempotencyKey: "k" });
    expect(checked.valid).toBe(false);
    if (!checked.valid) expect(fieldErrorsOf(checked.violations, orderFieldMap(0)).byField.lines).toBeDefined();
  });
});

describe("parseQuantity", () => {
  it("reads whole numbers only", () => {
    expect(parseQuantity(" 12 ")).toBe(12n);
    expect(parseQuantity("1.5")).toBeUndefined();
    expect(parseQuantity("-1")).toBeUndefined();
    expect(parseQuantity("")).toBeUndefined();
  });
});

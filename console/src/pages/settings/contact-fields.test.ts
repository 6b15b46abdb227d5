import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "../../forms/field-errors.js";
import { contactFields } from "./contact-fields.js";

describe("contactFields", () => {
  it("places a brand violation on the brand, not on the email field", () => {
    const errors = fieldErrorsOf([{ field: "brand_id", message: "not your brand" }], contactFields);
    expect(errors.byField).toEqual({ brand: "not your brand" });
  });
});

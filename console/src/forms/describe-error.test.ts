// @vitest-environment happy-dom
import { Code, ConnectError } from "@waybill/sdk";
import { describe, expect, it } from "vitest";
import { describeError } from "./describe-error.js";

describe("describeError", () => {
  it("marks the field a conflict is about", () => {
    const thrown = new ConnectError("brand acme already has an item MUG", Code.AlreadyExists);
    expect(describeError(thrown, { conflictField: "sku" })).toEqual({
      title: "Already exists",
      detail: "brand acme already has an item MUG",
      violations: [{ field: "sku", message: "brand acme already has an item MUG" }],
    });
  });

  it("leaves a conflict to the banner when no field is named", () => {
    const shown = describeError(new ConnectError("taken", Code.AlreadyExists));
    expect(shown.violations).toEqual([]);
    expect(shown.title).toBe("Already exists");
  });

  it("says what a role may not do", () => {
    const thrown = new ConnectError("no", Code.PermissionDenied);
    expect(describeError(thrown, { role: "courier", action: "create items" }).title).toBe(
      "A courier may not create items",
    );
  });
});

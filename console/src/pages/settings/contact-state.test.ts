// @vitest-environment happy-dom
import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { isNoContactYet } from "./contact-state.js";

describe("isNoContactYet", () => {
  it("takes NOT_FOUND for a contact not set yet, and any other failure for an error", () => {
    expect(isNoContactYet(new ConnectError("no contact", Code.NotFound))).toBe(true);
    expect(isNoContactYet(new ConnectError("no", Code.PermissionDenied))).toBe(false);
    expect(isNoContactYet(new TypeError("Failed to fetch"))).toBe(false);
    expect(isNoContactYet(null)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/index.js";
import { decodeCursor, encodeCursor, pageSize } from "./cursor.js";

describe("page tokens", () => {
  it("round-trip the sort key of a query", () => {
    const token = encodeCursor({ brandId: "acme", sku: "MUG-1", n: 3 }, "items|acme");
    expect(decodeCursor(token, ["brandId", "sku", "n"], "items|acme")).toEqual({
      brandId: "acme",
      sku: "MUG-1",
      n: "3",
    });
    expect(decodeCursor("", ["sku"], "items|acme")).toBeUndefined();
  });

  it("refuse a token of another query, a forged token and a token missing fields", () => {
    const token = encodeCursor({ sku: "A" }, "items|acme|name");
    expect(() => decodeCursor(token, ["sku"], "items|acme|sku")).toThrow(/other filters or sort/);
    expect(() => decodeCursor("bm9wZQ", ["sku"])).toThrow(DomainError);
    expect(() => decodeCursor(encodeCursor({ other: 1 }), ["sku"])).toThrow(/not a token/);
  });

  it("use the default size for 0", () => {
    expect(pageSize(0)).toBe(50);
    expect(pageSize(7)).toBe(7);
  });
});

import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/index.js";
import { decodeCursor, encodeCursor, pageSize } from "./cursor.js";
import { usePageTokenSecret } from "./page-token-signature.js";

usePageTokenSecret("cursor-unit-test-secret-of-32-characters");

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

  it("refuse a token whose key part was changed while its signature was kept, without parsing it", () => {
    const token = encodeCursor({ created: "2026-03-01T10:00:00.000Z" }, "webhooks");
    const signature = token.slice(token.lastIndexOf(".") + 1);
    const forgedKey = Buffer.from(JSON.stringify({ k: { created: "-271821-04-20T00:00:00.000Z" }, s: "x" })).toString(
      "base64url",
    );
    expect(() => decodeCursor(`${forgedKey}.${signature}`, ["created"], "webhooks")).toThrow(
      /not a token this list returned/,
    );
    expect(() => decodeCursor(token.slice(0, token.lastIndexOf(".")), ["created"], "webhooks")).toThrow(DomainError);
    expect(() => decodeCursor(`${token}x`, ["created"], "webhooks")).toThrow(DomainError);
  });

  it("use the default size for 0", () => {
    expect(pageSize(0)).toBe(50);
    expect(pageSize(7)).toBe(7);
  });
});

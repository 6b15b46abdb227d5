import { describe, expect, it } from "vitest";
import { inActivityScope } from "./activity-scope.js";

const entry = { brandId: "acme", customerId: "c1", orderId: "o1" };

describe("activity scopes", () => {
  it("matches every filter that is set, and everything without filters", () => {
    expect(inActivityScope({}, entry)).toBe(true);
    expect(inActivityScope({ brandId: "acme", customerId: "c1" }, entry)).toBe(true);
    expect(inActivityScope({ brandId: "acme", orderId: "o2" }, entry)).toBe(false);
    expect(inActivityScope({ customerId: "c2" }, entry)).toBe(false);
    expect(inActivityScope({ brandId: "globex" }, { ...entry, brandId: "" })).toBe(false);
  });
});

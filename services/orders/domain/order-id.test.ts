import { describe, expect, it } from "vitest";
import { orderIdFor, uuidV5 } from "./order-id.js";

describe("orderIdFor", () => {
  it("derives the same id for the same scope and key, and different ids otherwise", () => {
    const id = orderIdFor("PlaceOrder/customer/c1", "key-1");
    expect(orderIdFor("PlaceOrder/customer/c1", "key-1")).toBe(id);
    expect(orderIdFor("PlaceOrder/customer/c2", "key-1")).not.toBe(id);
    expect(orderIdFor("PlaceOrder/customer/c1", "key-2")).not.toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("computes RFC 9562 version-5 UUIDs", () => {
    // The RFC's example: the DNS namespace and "www.example.com".
    expect(uuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });
});

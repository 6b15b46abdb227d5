import { describe, expect, it } from "vitest";
import { canPlaceOrder, newOrderPath } from "./place-order-roles.js";

describe("canPlaceOrder", () => {
  it("follows PlaceOrder's roles", () => {
    expect(canPlaceOrder("admin")).toBe(true);
    expect(canPlaceOrder("partner")).toBe(true);
    expect(canPlaceOrder("customer")).toBe(true);
    expect(canPlaceOrder("brand")).toBe(false);
    expect(canPlaceOrder("courier")).toBe(false);
  });

  it("opens the form where the role's routes are", () => {
    expect(newOrderPath("customer")).toBe("/my-orders/new");
    expect(newOrderPath("partner", "acme")).toBe("/orders/new");
    expect(newOrderPath("admin", "acme")).toBe("/orders/new?brand=acme");
  });
});

import { describe, expect, it } from "vitest";
import type { Principal } from "../../kit/auth/index.js";
import {
  assertActsForCustomer,
  assertOrderAccess,
  mayAccessOrder,
  orderNotFound,
  scopeOrderList,
} from "./order-access.js";

const order = { orderId: "o1", brandId: "acme", customerId: "c1" };
const as = (role: Principal["role"], subject = `${role}-1`, brandId?: string): Principal => ({
  role,
  subject,
  ...(brandId ? { brandId } : {}),
});

describe("order tenancy", () => {
  it("lets operators, the order's brand and its customer in, and nobody else", () => {
    expect(mayAccessOrder(as("admin"), order)).toBe(true);
    expect(mayAccessOrder(as("service"), order)).toBe(true);
    expect(mayAccessOrder(as("brand", "b", "acme"), order)).toBe(true);
    expect(mayAccessOrder(as("partner", "p", "acme"), order)).toBe(true);
    expect(mayAccessOrder(as("customer", "c1"), order)).toBe(true);
    expect(mayAccessOrder(as("brand", "b", "globex"), order)).toBe(false);
    expect(mayAccessOrder(as("customer", "c2"), order)).toBe(false);
    expect(mayAccessOrder(as("courier"), order)).toBe(false);
  });

  it("refuses another tenant's order exactly like a missing one", () => {
    for (const stranger of [as("brand", "b", "globex"), as("partner", "p", "globex"), as("customer", "c2")]) {
      expect(() => assertOrderAccess(stranger, order)).toThrow(
        expect.objectContaining({ kind: "not_found", message: orderNotFound("o1").message }),
      );
    }
    expect(() => assertOrderAccess(as("brand", "b", "acme"), order)).not.toThrow();
  });

  it("lets a customer act only for themselves", () => {
    expect(() => assertActsForCustomer(as("customer", "c1"), "c1")).not.toThrow();
    expect(() => assertActsForCustomer(as("customer", "c1"), "c2")).toThrow(
      expect.objectContaining({ kind: "permission_denied" }),
    );
    expect(() => assertActsForCustomer(as("admin"), "c2")).not.toThrow();
  });

  it("confines lists to the caller's tenant and refuses naming another", () => {
    expect(scopeOrderList(as("admin"), {})).toEqual({});
    const c1 = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    expect(scopeOrderList(as("customer", c1), {})).toEqual({ customerId: c1 });
    expect(() => scopeOrderList(as("customer", "not-a-uuid"), {})).toThrow(
      expect.objectContaining({ kind: "invalid_argument" }),
    );
    expect(scopeOrderList(as("brand", "b", "acme"), { customerId: "c9" })).toEqual({
      brandId: "acme",
      customerId: "c9",
    });
    expect(() => scopeOrderList(as("customer", c1), { customerId: "c2" })).toThrow(
      expect.objectContaining({ kind: "permission_denied" }),
    );
    expect(() => scopeOrderList(as("brand", "b", "acme"), { brandId: "globex" })).toThrow(
      expect.objectContaining({ kind: "permission_denied" }),
    );
  });
});

import { describe, expect, it } from "vitest";
import type { Principal } from "../../kit/auth/index.js";
import { customerBrandScope, customerCreatorBrand, customerNotFound, newCustomerId } from "./customer-access.js";

const as = (role: Principal["role"], subject = `${role}-1`, brandId?: string): Principal => ({
  role,
  subject,
  ...(brandId ? { brandId } : {}),
});
const c1 = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
const c2 = "0b7e1a2c-3d4e-4f50-8a6b-7c8d9e0f1a2b";
const generated = () => c2;

describe("customers of a brand", () => {
  it("confines a partner's customers to its brand, and nobody else's", () => {
    expect(customerBrandScope(as("partner", "p", "acme"))).toBe("acme");
    expect(customerBrandScope(as("admin"))).toBeUndefined();
    expect(customerBrandScope(as("service"))).toBeUndefined();
    expect(customerBrandScope(as("customer", c1))).toBeUndefined();
  });

  it("records the partner's brand as a new customer's creator, and no brand for other callers", () => {
    expect(customerCreatorBrand(as("partner", "p", "acme"))).toBe("acme");
    expect(customerCreatorBrand(as("admin"))).toBeNull();
    expect(customerCreatorBrand(as("customer", c1))).toBeNull();
  });

  it("lets operators choose a new customer's id, customers only their own, partners none", () => {
    expect(newCustomerId(as("admin"), c1, generated)).toBe(c1);
    expect(newCustomerId(as("admin"), "", generated)).toBe(c2);
    expect(newCustomerId(as("customer", c1), "", generated)).toBe(c1);
    expect(() => newCustomerId(as("customer", c1), c2, generated)).toThrow(
      expect.objectContaining({ kind: "permission_denied" }),
    );
    expect(newCustomerId(as("partner", "p", "acme"), "", generated)).toBe(c2);
    expect(() => newCustomerId(as("partner", "p", "acme"), c1, generated)).toThrow(
      expect.objectContaining({ kind: "permission_denied" }),
    );
  });

  it("answers a customer outside the brand like a missing one", () => {
    expect(customerNotFound(c1)).toMatchObject({ kind: "not_found", message: `customer ${c1} does not exist` });
  });
});

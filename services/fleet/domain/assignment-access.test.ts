import { describe, expect, it } from "vitest";
import type { Principal } from "../../kit/auth/index.js";
import {
  type AssignmentParties,
  assertAssignmentLister,
  assertAssignmentReader,
  assertReporter,
} from "./assignment-access.js";

const assignment: AssignmentParties = { orderId: "o-1", brandId: "acme", customerId: "cu-1", courierId: "c-1" };
const as = (role: Principal["role"], subject: string, brandId?: string): Principal => ({ role, subject, brandId });

describe("assignment access", () => {
  it("shows an assignment to its brand, customer and courier, and to operators", () => {
    for (const principal of [
      as("brand", "b", "acme"),
      as("customer", "cu-1"),
      as("courier", "c-1"),
      as("service", "orders"),
    ])
      expect(() => assertAssignmentReader(principal, assignment)).not.toThrow();
  });

  it("refuses anyone else instead of answering with nothing", () => {
    expect(() => assertAssignmentReader(as("brand", "b", "other"), assignment)).toThrow(/may not act for brand acme/);
    expect(() => assertAssignmentReader(as("customer", "cu-2"), assignment)).toThrow(/not an order of customer cu-2/);
    expect(() => assertAssignmentReader(as("courier", "c-2"), assignment)).toThrow(/not a delivery of courier c-2/);
    expect(() => assertAssignmentReader(as("courier", "c-2"), { ...assignment, courierId: null })).toThrow();
  });

  it("makes a courier list and report its own deliveries only", () => {
    expect(() => assertAssignmentLister(as("courier", "c-1"), "c-1")).not.toThrow();
    expect(() => assertAssignmentLister(as("courier", "c-1"), "")).toThrow(/set courier_id to c-1/);
    expect(() => assertAssignmentLister(as("admin", "ops"), "")).not.toThrow();
    expect(() => assertReporter(as("courier", "c-2"), assignment)).toThrow(/not one of courier c-2's deliveries/);
    expect(() => assertReporter(as("admin", "ops"), assignment)).not.toThrow();
  });
});

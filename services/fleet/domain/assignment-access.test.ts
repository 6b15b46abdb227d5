import { describe, expect, it } from "vitest";
import type { Principal } from "../../kit/auth/index.js";
import {
  type AssignmentParties,
  assertAssignmentLister,
  assertAssignmentReader,
  assertReporter,
  assignmentNotFound,
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

  it("answers anyone else exactly like an order with no assignment", () => {
    const missing = expect.objectContaining({ kind: "not_found", message: assignmentNotFound("o-1").message });
    for (const stranger of [
      as("brand", "b", "other"),
      as("partner", "p", "other"),
      as("customer", "cu-2"),
      as("courier", "c-2"),
    ])
      expect(() => assertAssignmentReader(stranger, assignment)).toThrow(missing);
    expect(() => assertAssignmentReader(as("courier", "c-2"), { ...assignment, courierId: null })).toThrow(missing);
  });

  it("makes a courier list and report its own deliveries only", () => {
    expect(() => assertAssignmentLister(as("courier", "c-1"), "c-1")).not.toThrow();
    expect(() => assertAssignmentLister(as("courier", "c-1"), "")).toThrow(/set courier_id to c-1/);
    expect(() => assertAssignmentLister(as("admin", "ops"), "")).not.toThrow();
    expect(() => assertReporter(as("courier", "c-2"), assignment)).toThrow(
      expect.objectContaining({ kind: "not_found", message: assignmentNotFound("o-1").message }),
    );
    expect(() => assertReporter(as("admin", "ops"), assignment)).not.toThrow();
  });
});

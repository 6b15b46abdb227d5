import type { Principal } from "../../kit/auth/index.js";
import { mayActForBrand } from "../../kit/auth/tenancy.js";
import { type DomainError, notFound, permissionDenied } from "../../kit/errors/index.js";

/** Who an assignment concerns: the order's brand and customer, and the courier carrying it. */
export interface AssignmentParties {
  readonly orderId: string;
  readonly brandId: string;
  readonly customerId: string;
  /** The courier carrying (or that carried) the order; null while it is queued. */
  readonly courierId: string | null;
}

/**
 * The answer for an order Fleet holds no assignment of. An assignment the caller may not see gets
 * the same answer, so that it never tells whether another tenant's order exists (order ids are
 * derived from a scope and a key, so they can be guessed).
 */
export function assignmentNotFound(orderId: string): DomainError {
  return notFound(`order ${orderId} has no assignment - it is not ready for dispatch yet`);
}

/**
 * Who may read an assignment: operators any; a brand or partner its brand's; a customer their
 * own; a courier those it carries or carried. Anyone else gets {@link assignmentNotFound}, never an
 * empty answer and never a refusal that would confirm the order exists.
 */
export function assertAssignmentReader(principal: Principal, assignment: AssignmentParties): void {
  const readable =
    principal.role === "customer"
      ? assignment.customerId === principal.subject
      : principal.role === "courier"
        ? assignment.courierId === principal.subject
        : mayActForBrand(principal, assignment.brandId);
  if (!readable) throw assignmentNotFound(assignment.orderId);
}

/** A courier lists its own assignments only; `courierId` is the one the list is filtered by. */
export function assertAssignmentLister(principal: Principal, courierId: string): void {
  if (principal.role === "courier" && courierId !== principal.subject) {
    throw permissionDenied(`a courier lists its own assignments only - set courier_id to ${principal.subject}`);
  }
}

/**
 * A courier reports only its own deliveries (another's is {@link assignmentNotFound}, like a
 * missing one); an admin may report for any rider.
 */
export function assertReporter(principal: Principal, assignment: AssignmentParties): void {
  if (principal.role === "courier" && assignment.courierId !== principal.subject) {
    throw assignmentNotFound(assignment.orderId);
  }
}

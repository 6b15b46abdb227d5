import { assertBrandAccess, type Principal } from "../../kit/auth/index.js";
import { permissionDenied } from "../../kit/errors/index.js";

/** Who an assignment concerns: the order's brand and customer, and the courier carrying it. */
export interface AssignmentParties {
  readonly orderId: string;
  readonly brandId: string;
  readonly customerId: string;
  /** The courier carrying (or that carried) the order; null while it is queued. */
  readonly courierId: string | null;
}

/**
 * Who may read an assignment: operators any; a brand or partner its brand's; a customer their
 * own; a courier those it carries or carried. Anyone else is refused, never shown an empty answer.
 */
export function assertAssignmentReader(principal: Principal, assignment: AssignmentParties): void {
  switch (principal.role) {
    case "customer":
      if (assignment.customerId !== principal.subject)
        throw permissionDenied(`order ${assignment.orderId} is not an order of customer ${principal.subject}`);
      return;
    case "courier":
      if (assignment.courierId !== principal.subject)
        throw permissionDenied(`order ${assignment.orderId} is not a delivery of courier ${principal.subject}`);
      return;
    default:
      assertBrandAccess(principal, assignment.brandId);
  }
}

/** A courier lists its own assignments only; `courierId` is the one the list is filtered by. */
export function assertAssignmentLister(principal: Principal, courierId: string): void {
  if (principal.role === "courier" && courierId !== principal.subject) {
    throw permissionDenied(`a courier lists its own assignments only - set courier_id to ${principal.subject}`);
  }
}

/** A courier reports only its own deliveries; an admin may report for any rider. */
export function assertReporter(principal: Principal, assignment: AssignmentParties): void {
  if (principal.role === "courier" && assignment.courierId !== principal.subject) {
    throw permissionDenied(`order ${assignment.orderId} is not one of courier ${principal.subject}'s deliveries`);
  }
}

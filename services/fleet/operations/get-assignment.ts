import type { Principal } from "../../kit/auth/index.js";
import { assertAssignmentReader, assignmentNotFound } from "../domain/index.js";
import { type AssignmentRow, findAssignment, queuePosition } from "../storage/index.js";
import type { FleetContext } from "./fleet-context.js";

/** An assignment and its place in its zone's queue (0 unless queued). */
export interface PlacedAssignment {
  readonly assignment: AssignmentRow;
  readonly queuePosition: number;
}

/**
 * GetAssignment: the assignment of an order, if `principal` may read it (see
 * {@link assertAssignmentReader}). NOT_FOUND while the order has not reached Fleet, and alike
 * for an assignment the caller may not see.
 */
export async function getAssignment(
  ctx: FleetContext,
  principal: Principal,
  orderId: string,
): Promise<PlacedAssignment> {
  const row = await findAssignment(ctx.db, orderId);
  if (!row) throw assignmentNotFound(orderId);
  // The requested spelling of the id, so that the answer matches a missing order's word for word.
  assertAssignmentReader(principal, {
    orderId,
    brandId: row.brand_id,
    customerId: row.customer_id,
    courierId: row.courier_id,
  });
  return { assignment: row, queuePosition: await queuePosition(ctx.db, row) };
}

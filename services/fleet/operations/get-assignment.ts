import type { Principal } from "../../kit/auth/index.js";
import { notFound } from "../../kit/errors/index.js";
import { assertAssignmentReader } from "../domain/index.js";
import { type AssignmentRow, findAssignment, queuePosition } from "../storage/index.js";
import type { FleetContext } from "./fleet-context.js";

/** An assignment and its place in its zone's queue (0 unless queued). */
export interface PlacedAssignment {
  readonly assignment: AssignmentRow;
  readonly queuePosition: number;
}

/**
 * GetAssignment: the assignment of an order, if `principal` may read it (see
 * {@link assertAssignmentReader}). NOT_FOUND while the order has not reached Fleet.
 */
export async function getAssignment(
  ctx: FleetContext,
  principal: Principal,
  orderId: string,
): Promise<PlacedAssignment> {
  const row = await findAssignment(ctx.db, orderId);
  if (!row) throw notFound(`order ${orderId} has no assignment - it is not ready for dispatch yet`);
  assertAssignmentReader(principal, {
    orderId: row.order_id,
    brandId: row.brand_id,
    customerId: row.customer_id,
    courierId: row.courier_id,
  });
  return { assignment: row, queuePosition: await queuePosition(ctx.db, row) };
}

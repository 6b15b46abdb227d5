import { AssignmentCancelledSchema, DeliveryRecalledSchema } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import type { Order } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Kysely } from "kysely";
import { currentTraceparent, inStoredTrace } from "../../kit/telemetry/linked-span.js";
import { planCancellation, recallReturnMs } from "../domain/index.js";
import {
  type AssignmentRow,
  type FleetDatabase,
  findAssignment,
  findCourier,
  insertAssignment,
  lockZone,
  updateAssignment,
} from "../storage/index.js";
import { storedDeliveryAddress, toAssignment } from "../wire/index.js";
import { changeCourier } from "./change-courier.js";
import { emitAssignmentEvent } from "./emit-assignment-event.js";
import type { FleetContext } from "./fleet-context.js";
import { matchZone } from "./match-zone.js";

/**
 * The order was cancelled: whatever its delivery is doing stops (see {@link planCancellation}).
 * A queued order leaves the queue; a reserved courier is freed and takes the next order; goods
 * already with a courier are recalled — a drone turns around and lands after as long as it has
 * flown out, a rider reports the return. With no assignment yet, a cancelled row is left behind
 * so that a late ready-for-dispatch event assigns nothing. Repeats change nothing. Runs in the
 * consumer's `trx`.
 */
export async function cancelDelivery(
  trx: Kysely<FleetDatabase>,
  ctx: FleetContext,
  order: Order,
  reason: string,
): Promise<void> {
  await lockZone(trx, order.deliveryZone);
  const now = ctx.now();
  const assignment = await findAssignment(trx, order.orderId, { lock: true });
  const endReason = reason || "order cancelled";
  // No assignment is the "tombstone" plan: remember the cancellation.
  if (!assignment) {
    await insertAssignment(trx, {
      order_id: order.orderId,
      brand_id: order.brandId,
      customer_id: order.customerId,
      zone: order.deliveryZone,
      delivery_address: storedDeliveryAddress(order.deliveryAddress),
      status: "cancelled",
      end_reason: endReason,
      created_at: now,
      ended_at: now,
      updated_at: now,
    });
    return;
  }
  switch (planCancellation(assignment.status)) {
    case "dequeue":
      await finish(trx, ctx, assignment, endReason);
      return;
    case "release":
      return release(trx, ctx, assignment, endReason);
    case "recall":
      return recall(trx, ctx, assignment, endReason);
    case "tombstone":
    case "nothing":
      return;
  }
}

async function finish(
  trx: Kysely<FleetDatabase>,
  ctx: FleetContext,
  assignment: AssignmentRow,
  reason: string,
): Promise<AssignmentRow> {
  const now = ctx.now();
  const cancelled = await updateAssignment(trx, assignment.order_id, {
    status: "cancelled",
    end_reason: reason,
    next_step: null,
    due_at: null,
    ended_at: now,
    updated_at: now,
  });
  await emitAssignmentEvent(trx, ctx, cancelled, AssignmentCancelledSchema, {
    assignment: toAssignment(cancelled),
    reason,
  });
  return cancelled;
}

async function release(
  trx: Kysely<FleetDatabase>,
  ctx: FleetContext,
  assignment: AssignmentRow,
  reason: string,
): Promise<void> {
  const courier = assignment.courier_id ? await findCourier(trx, assignment.courier_id, { lock: true }) : undefined;
  await finish(trx, ctx, assignment, reason);
  if (courier) {
    await changeCourier(
      trx,
      ctx,
      courier,
      { active: courier.active - 1, flight: null },
      `order ${assignment.order_id} cancelled before pick-up`,
    );
  }
  await matchZone(trx, ctx, assignment.zone);
}

/**
 * Recalls goods already with a courier, in a span of the order's trace linked to the
 * cancellation's, so the flight back (whose landing continues this span) stays in the order's trace.
 */
async function recall(
  trx: Kysely<FleetDatabase>,
  ctx: FleetContext,
  assignment: AssignmentRow,
  reason: string,
): Promise<void> {
  const attributes = { "waybill.order.id": assignment.order_id, "waybill.fleet.zone": assignment.zone };
  await inStoredTrace("fleet recall", { traceparent: assignment.trace_parent, attributes }, () =>
    recallNow(trx, ctx, assignment, reason),
  );
}

async function recallNow(
  trx: Kysely<FleetDatabase>,
  ctx: FleetContext,
  assignment: AssignmentRow,
  reason: string,
): Promise<void> {
  const now = ctx.now();
  const drone = assignment.courier_kind === "drone";
  let dueAt: Date | null = null;
  if (drone) {
    const departedAt =
      assignment.status === "en_route" && assignment.estimated_arrival_at
        ? new Date(assignment.estimated_arrival_at.getTime() - ctx.plan.travelMs(assignment.zone))
        : null;
    dueAt = new Date(now.getTime() + recallReturnMs(ctx.plan, assignment.zone, departedAt, now));
  }
  const recalled = await updateAssignment(trx, assignment.order_id, {
    status: "recalled",
    end_reason: reason,
    next_step: drone ? "land" : null,
    due_at: dueAt,
    trace_parent: currentTraceparent(),
    updated_at: now,
  });
  if (drone && assignment.courier_id) {
    const courier = await findCourier(trx, assignment.courier_id, { lock: true });
    if (courier)
      await changeCourier(trx, ctx, courier, { flight: "returning" }, `recalled with order ${assignment.order_id}`);
  }
  await emitAssignmentEvent(trx, ctx, recalled, DeliveryRecalledSchema, { assignment: toAssignment(recalled), reason });
}

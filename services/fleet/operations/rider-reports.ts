import {
  DeliveryAbortedSchema,
  OrderDeliveredSchema,
  OrderDispatchedSchema,
  OrderEnRouteSchema,
} from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import type { Kysely } from "kysely";
import type { Principal } from "../../kit/auth/index.js";
import { failedPrecondition } from "../../kit/errors/index.js";
import { currentTraceparent, inStoredTrace } from "../../kit/telemetry/linked-span.js";
import { assertReporter, assignmentNotFound, type RiderReport, riderReportRule } from "../domain/index.js";
import {
  type AssignmentRow,
  assignmentZone,
  type FleetDatabase,
  findAssignment,
  findCourier,
  lockZone,
  updateAssignment,
} from "../storage/index.js";
import { toAssignment } from "../wire/index.js";
import { changeCourier } from "./change-courier.js";
import { emitAssignmentEvent } from "./emit-assignment-event.js";
import type { FleetContext } from "./fleet-context.js";
import { matchZone } from "./match-zone.js";

/** A rider's report: which, about which order, and what it says. */
export interface RiderReportInput {
  readonly report: RiderReport;
  readonly orderId: string;
  readonly receivedBy?: string;
  readonly note?: string;
}

/**
 * Applies a rider's report about one of its orders (see {@link riderReportRule}):
 * - pickup: the goods are collected and the rider leaves (OrderDispatched, then OrderEnRoute with
 *   the arrival estimated from the zone's travel time);
 * - delivery: handed over (OrderDelivered); the rider is free for the next order of the queue;
 * - return: the goods of a recalled order are back (DeliveryAborted, which returns them to stock).
 *
 * A courier may report only its own orders (another's is NOT_FOUND, the answer for an order with
 * no assignment); an admin may report for any rider.
 * A report that does not fit the assignment's status is FAILED_PRECONDITION naming both.
 * An accepted report's effects run in a span of the order's trace, linked to the report's request.
 */
export async function applyRiderReport(
  trx: Kysely<FleetDatabase>,
  ctx: FleetContext,
  principal: Principal,
  input: RiderReportInput,
): Promise<AssignmentRow> {
  const zone = await assignmentZone(trx, input.orderId);
  if (!zone) throw assignmentNotFound(input.orderId);
  await lockZone(trx, zone);
  const assignment = await findAssignment(trx, input.orderId, { lock: true });
  if (!assignment) throw assignmentNotFound(input.orderId);
  assertReporter(principal, {
    orderId: input.orderId,
    brandId: assignment.brand_id,
    customerId: assignment.customer_id,
    courierId: assignment.courier_id,
  });
  if (assignment.courier_kind === "drone") {
    throw failedPrecondition(`order ${input.orderId} is carried by a drone - drones report their own steps`);
  }
  const rule = riderReportRule[input.report];
  if (assignment.status !== rule.from) {
    throw failedPrecondition(
      `order ${input.orderId} is ${assignment.status} - a ${input.report} report needs it ${rule.from}`,
    );
  }
  const attributes = { "waybill.order.id": input.orderId, "waybill.fleet.zone": zone };
  return inStoredTrace(`fleet rider ${input.report}`, { traceparent: assignment.trace_parent, attributes }, () =>
    applyAccepted(trx, ctx, input, assignment),
  );
}

/** The effects of a report that fits the assignment, under its zone's lock. */
async function applyAccepted(
  trx: Kysely<FleetDatabase>,
  ctx: FleetContext,
  input: RiderReportInput,
  assignment: AssignmentRow,
): Promise<AssignmentRow> {
  const { zone } = assignment;
  const rule = riderReportRule[input.report];
  const now = ctx.now();
  if (input.report === "pickup") {
    const pickedUp = await updateAssignment(trx, input.orderId, {
      status: "picked_up",
      picked_up_at: now,
      updated_at: now,
    });
    await emitAssignmentEvent(trx, ctx, pickedUp, OrderDispatchedSchema, { assignment: toAssignment(pickedUp) });
    const eta = new Date(now.getTime() + ctx.plan.travelMs(zone));
    const enRoute = await updateAssignment(trx, input.orderId, {
      status: "en_route",
      estimated_arrival_at: eta,
      trace_parent: currentTraceparent(),
    });
    await emitAssignmentEvent(trx, ctx, enRoute, OrderEnRouteSchema, { assignment: toAssignment(enRoute) });
    return enRoute;
  }
  const finished = await updateAssignment(trx, input.orderId, {
    status: rule.to,
    ...(input.report === "delivery" ? { delivered_at: now } : {}),
    ended_at: now,
    updated_at: now,
  });
  if (input.report === "delivery") {
    await emitAssignmentEvent(trx, ctx, finished, OrderDeliveredSchema, {
      assignment: toAssignment(finished),
      receivedBy: input.receivedBy ?? "",
      note: input.note ?? "",
    });
  } else {
    await emitAssignmentEvent(trx, ctx, finished, DeliveryAbortedSchema, {
      assignment: toAssignment(finished),
      reason: finished.end_reason,
    });
  }
  const courier = assignment.courier_id ? await findCourier(trx, assignment.courier_id, { lock: true }) : undefined;
  if (courier)
    await changeCourier(
      trx,
      ctx,
      courier,
      { active: courier.active - 1 },
      `${input.report === "delivery" ? "delivered" : "returned"} order ${input.orderId}`,
    );
  await matchZone(trx, ctx, zone);
  return finished;
}

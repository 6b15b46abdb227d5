import { OrderAssignedSchema, OrderQueuedSchema } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import type { Kysely } from "kysely";
import { currentTraceparent, inStoredTrace } from "../../kit/telemetry/linked-span.js";
import { type Candidate, pickCourier, takesOrders } from "../domain/index.js";
import {
  type AssignmentRow,
  type CourierRow,
  type FleetDatabase,
  queuedInZone,
  queuePosition,
  readyCouriers,
  updateAssignment,
} from "../storage/index.js";
import { toAssignment } from "../wire/index.js";
import { changeCourier } from "./change-courier.js";
import { emitAssignmentEvent } from "./emit-assignment-event.js";
import type { FleetContext } from "./fleet-context.js";

/**
 * Hands the zone's queued orders, oldest first, to its free couriers by {@link pickCourier}, until
 * either runs out. Called under the zone's lock after anything that adds an order to the queue or
 * frees a courier, so an order waits only while every courier of its zone is busy. Returns the
 * assignments made.
 */
export async function matchZone(trx: Kysely<FleetDatabase>, ctx: FleetContext, zone: string): Promise<AssignmentRow[]> {
  const couriers = new Map((await readyCouriers(trx, zone)).map((row) => [row.courier_id, row]));
  if (couriers.size === 0) return [];
  const slots = [...couriers.values()].reduce((sum, row) => sum + row.capacity - row.active, 0);
  const made: AssignmentRow[] = [];
  for (const queued of await queuedInZone(trx, zone, slots)) {
    const chosen = pickCourier([...couriers.values()].map(toCandidate));
    if (!chosen) break;
    const { assignment, courier: after } = await assignOrder(trx, ctx, queued, chosen.row);
    made.push(assignment);
    if (takesOrders(after)) couriers.set(after.courier_id, after);
    else couriers.delete(after.courier_id);
  }
  return made;
}

/**
 * Reserves `courier` for a queued order and publishes OrderAssigned, in a span of the order's
 * trace (linked to whatever freed the courier, when that is another trace); the assignment then
 * keeps that span's context for its first flight step.
 */
async function assignOrder(trx: Kysely<FleetDatabase>, ctx: FleetContext, queued: AssignmentRow, courier: CourierRow) {
  return inStoredTrace(
    "fleet assign",
    { traceparent: queued.trace_parent, attributes: spanAttributes(queued, courier) },
    () => assignNow(trx, ctx, queued, courier),
  );
}

async function assignNow(trx: Kysely<FleetDatabase>, ctx: FleetContext, queued: AssignmentRow, courier: CourierRow) {
  const now = ctx.now();
  const drone = courier.kind === "drone";
  const after = await changeCourier(
    trx,
    ctx,
    courier,
    { active: courier.active + 1, last_assigned_at: now, flight: drone ? "reserved" : courier.flight },
    `assigned order ${queued.order_id}`,
  );
  const assignment = await updateAssignment(trx, queued.order_id, {
    status: "assigned",
    courier_id: courier.courier_id,
    courier_kind: courier.kind,
    attempt: queued.attempt + 1,
    assigned_at: now,
    next_step: drone ? "load" : null,
    due_at: drone ? new Date(now.getTime() + ctx.plan.loadMs) : null,
    trace_parent: currentTraceparent(),
    updated_at: now,
  });
  await emitAssignmentEvent(trx, ctx, assignment, OrderAssignedSchema, {
    assignment: toAssignment(assignment),
    previousCourierId: queued.previous_courier_id ?? "",
  });
  return { assignment, courier: after };
}

/**
 * Publishes OrderQueued for an assignment left waiting, with its place in the queue, in the
 * order's trace (a courier going offline hands its orders back from another one).
 */
export async function announceQueued(trx: Kysely<FleetDatabase>, ctx: FleetContext, row: AssignmentRow): Promise<void> {
  await inStoredTrace("fleet queue", { traceparent: row.trace_parent, attributes: spanAttributes(row) }, async () => {
    await emitAssignmentEvent(trx, ctx, row, OrderQueuedSchema, {
      assignment: toAssignment(row, await queuePosition(trx, row)),
    });
  });
}

/** What a Fleet span says about the order (and courier) it concerns. */
function spanAttributes(row: AssignmentRow, courier?: CourierRow) {
  return {
    "waybill.order.id": row.order_id,
    "waybill.fleet.zone": row.zone,
    ...(courier ? { "waybill.courier.id": courier.courier_id, "waybill.courier.kind": courier.kind } : {}),
  };
}

/** A courier as {@link pickCourier} weighs it, carrying its row along. */
function toCandidate(row: CourierRow): Candidate & { readonly row: CourierRow } {
  return {
    row,
    courierId: row.courier_id,
    active: row.active,
    capacity: row.capacity,
    idleSince: row.idle_since,
    lastAssignedAt: row.last_assigned_at,
  };
}

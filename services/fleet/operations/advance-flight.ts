import {
  DeliveryAbortedSchema,
  OrderDeliveredSchema,
  OrderDispatchedSchema,
  OrderEnRouteSchema,
} from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import { currentTraceparent } from "../../kit/telemetry/linked-span.js";
import { findAssignment, lockZone, requireCourier, updateAssignment } from "../storage/index.js";
import { toAssignment } from "../wire/index.js";
import { changeCourier } from "./change-courier.js";
import { emitAssignmentEvent } from "./emit-assignment-event.js";
import type { FleetContext } from "./fleet-context.js";
import { matchZone } from "./match-zone.js";

/**
 * Takes the drone delivery of an order one step forward if that step is due, in one transaction
 * under the zone's lock (so replicas racing for it do it once):
 * - load: the goods are on board (OrderDispatched; Orders consumes the stock); take-off follows;
 * - depart: flying out (OrderEnRoute with the arrival time);
 * - arrive: handed over (OrderDelivered); the drone flies back and lands after the same time;
 * - land: a recalled drone is back with the goods (DeliveryAborted; Inventory returns them to
 *   stock) and takes the next order.
 * Returns false when the step was not due any more (another replica took it). Each step stores
 * the active trace context (the caller's span of this step, see `takeDueFlightSteps`) for the
 * next one, and a delivering drone keeps it for its landing, so the flight is one chain of spans.
 */
export async function advanceFlight(ctx: FleetContext, orderId: string, zone: string): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    await lockZone(trx, zone);
    const now = ctx.now();
    const assignment = await findAssignment(trx, orderId, { lock: true });
    if (!assignment?.next_step || !assignment.due_at || assignment.due_at > now || !assignment.courier_id) return false;
    const courier = await requireCourier(trx, assignment.courier_id, { lock: true });
    switch (assignment.next_step) {
      case "load": {
        const loaded = await updateAssignment(trx, orderId, {
          status: "picked_up",
          picked_up_at: now,
          next_step: "depart",
          due_at: now,
          trace_parent: currentTraceparent(),
          updated_at: now,
        });
        await changeCourier(trx, ctx, courier, { flight: "loaded" }, `loaded order ${orderId}`);
        await emitAssignmentEvent(trx, ctx, loaded, OrderDispatchedSchema, { assignment: toAssignment(loaded) });
        return true;
      }
      case "depart": {
        const eta = new Date(now.getTime() + ctx.plan.travelMs(zone));
        const flying = await updateAssignment(trx, orderId, {
          status: "en_route",
          estimated_arrival_at: eta,
          next_step: "arrive",
          due_at: eta,
          trace_parent: currentTraceparent(),
          updated_at: now,
        });
        await changeCourier(trx, ctx, courier, { flight: "en_route" }, `flying order ${orderId}`);
        await emitAssignmentEvent(trx, ctx, flying, OrderEnRouteSchema, { assignment: toAssignment(flying) });
        return true;
      }
      case "arrive": {
        const delivered = await updateAssignment(trx, orderId, {
          status: "delivered",
          delivered_at: now,
          ended_at: now,
          next_step: null,
          due_at: null,
          trace_parent: currentTraceparent(),
          updated_at: now,
        });
        const back = new Date(now.getTime() + ctx.plan.travelMs(zone));
        await changeCourier(
          trx,
          ctx,
          courier,
          {
            active: courier.active - 1,
            flight: "returning",
            return_due_at: back,
            return_trace_parent: currentTraceparent(),
          },
          `delivered order ${orderId}`,
        );
        await emitAssignmentEvent(trx, ctx, delivered, OrderDeliveredSchema, { assignment: toAssignment(delivered) });
        return true;
      }
      case "land": {
        const returned = await updateAssignment(trx, orderId, {
          status: "returned",
          ended_at: now,
          next_step: null,
          due_at: null,
          updated_at: now,
        });
        await changeCourier(
          trx,
          ctx,
          courier,
          { active: courier.active - 1, flight: null },
          `landed with recalled order ${orderId}`,
        );
        await emitAssignmentEvent(trx, ctx, returned, DeliveryAbortedSchema, {
          assignment: toAssignment(returned),
          reason: returned.end_reason,
        });
        await matchZone(trx, ctx, zone);
        return true;
      }
    }
  });
}

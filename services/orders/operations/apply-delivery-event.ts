import { isMessage } from "@bufbuild/protobuf";
import {
  DeliveryAbortedSchema,
  DeliveryRecalledSchema,
  OrderDeliveredSchema,
  OrderDispatchedSchema,
  OrderEnRouteSchema,
} from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import type { Assignment } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import type { Kysely } from "kysely";
import type { ConsumedEvent } from "../../kit/events/index.js";
import { type DeliveryStatus, planDeliveryProgress, statusLabel } from "../domain/index.js";
import { findOrder, type OrdersDatabase } from "../storage/index.js";
import { linkToPlacement } from "./link-to-placement.js";
import type { DeliveryEventContext } from "./orders-context.js";
import { recordNote } from "./record-note.js";
import { recordTransitions } from "./record-transitions.js";
import type { Actor } from "./transition-events.js";

/** What a Fleet event means for an order. */
type DeliveryReport =
  | {
      readonly kind: "progress";
      readonly status: DeliveryStatus;
      readonly assignment: Assignment;
      readonly reason: string;
    }
  | { readonly kind: "note"; readonly assignment: Assignment; readonly reason: string };

/**
 * Applies one Fleet event to its order, in the consumer's transaction: OrderDispatched,
 * OrderEnRoute and OrderDelivered move the order forward by the rule of
 * {@link planDeliveryProgress} (skipped states are logged, stale reports change nothing);
 * DeliveryRecalled and DeliveryAborted are logged in the order's history and leave its status as
 * it is. Other Fleet events are not about the order's status.
 */
export async function applyDeliveryEvent(
  trx: Kysely<OrdersDatabase>,
  ctx: DeliveryEventContext,
  event: ConsumedEvent,
): Promise<void> {
  const { logger } = ctx;
  const report = deliveryReport(event);
  const assignment = report?.assignment;
  if (!report || !assignment) return;
  const order = await findOrder(trx, assignment.orderId, { lock: true });
  if (!order) {
    logger.warn(
      { eventId: event.id, orderId: assignment.orderId, type: event.type },
      "fleet event for an unknown order ignored",
    );
    return;
  }
  linkToPlacement(order);
  const actor: Actor = assignment.courierId
    ? { subject: assignment.courierId, role: "courier" }
    : { subject: "fleet", role: "service" };
  if (report.kind === "note") {
    await recordNote(trx, ctx, order, actor, report.reason);
    return;
  }
  const plan = planDeliveryProgress(order.status, report.status);
  if (plan.kind === "ignore") {
    const level = plan.why === "not_ready" ? "warn" : "info";
    logger[level](
      { eventId: event.id, orderId: order.order_id, status: order.status, reported: report.status, why: plan.why },
      "fleet event changes nothing",
    );
    return;
  }
  const moves = plan.steps.map((to) => ({
    to,
    reason: to === report.status ? report.reason : `${statusLabel(to)} implied by a later delivery event`,
  }));
  await recordTransitions(trx, ctx, order, moves, "fleet", actor);
}

function deliveryReport(event: ConsumedEvent): DeliveryReport | undefined {
  const payload = event.payload;
  if (isMessage(payload, OrderDispatchedSchema) && payload.assignment) {
    return { kind: "progress", status: "dispatched", assignment: payload.assignment, reason: "" };
  }
  if (isMessage(payload, OrderEnRouteSchema) && payload.assignment) {
    return { kind: "progress", status: "en_route", assignment: payload.assignment, reason: "" };
  }
  if (isMessage(payload, OrderDeliveredSchema) && payload.assignment) {
    const reason = [payload.receivedBy && `received by ${payload.receivedBy}`, payload.note]
      .filter(Boolean)
      .join(" - ");
    return { kind: "progress", status: "delivered", assignment: payload.assignment, reason };
  }
  if (isMessage(payload, DeliveryRecalledSchema) && payload.assignment) {
    return {
      kind: "note",
      assignment: payload.assignment,
      reason: `delivery recalled${payload.reason ? ` - ${payload.reason}` : ""}`,
    };
  }
  if (isMessage(payload, DeliveryAbortedSchema) && payload.assignment) {
    return {
      kind: "note",
      assignment: payload.assignment,
      reason: `delivery aborted and the goods are back${payload.reason ? ` - ${payload.reason}` : ""}`,
    };
  }
  return undefined;
}

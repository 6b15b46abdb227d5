import { create } from "@bufbuild/protobuf";
import {
  OrderCancelledSchema,
  OrderReadyForDispatchSchema,
  OrderStatusChangedSchema,
} from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import type { Order } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { OrderStatusName } from "../domain/index.js";
import type { OrderEvent } from "../storage/index.js";
import { roleToProto, statusToProto } from "../wire/index.js";

/** Who caused a change: a principal's subject and role, or a courier reported by Fleet. */
export interface Actor {
  readonly subject: string;
  /** Role name as in tokens (`brand`, `customer`, `courier`, ...). */
  readonly role: string;
}

/** One move as it is logged. */
export interface LoggedMove {
  readonly from: OrderStatusName;
  readonly to: OrderStatusName;
  readonly reason: string;
  readonly sequence: number;
}

/**
 * The events of one move of `order` (the order after the move): always OrderStatusChanged;
 * entering READY_FOR_DISPATCH also OrderReadyForDispatch (Fleet assigns a courier), entering
 * CANCELLED also OrderCancelled with the status it left (Inventory releases the hold, Fleet
 * recalls a courier already on the way).
 */
export function transitionEvents(order: Order, move: LoggedMove, actor: Actor): OrderEvent[] {
  const aggregate = { aggregateId: order.orderId, tenant: order.brandId };
  const actorRole = roleToProto(actor.role);
  const events: OrderEvent[] = [
    {
      ...aggregate,
      schema: OrderStatusChangedSchema,
      payload: create(OrderStatusChangedSchema, {
        order,
        fromStatus: statusToProto(move.from),
        toStatus: statusToProto(move.to),
        actor: actor.subject,
        actorRole,
        reason: move.reason,
        sequence: move.sequence,
      }),
    },
  ];
  if (move.to === "ready_for_dispatch") {
    const payload = create(OrderReadyForDispatchSchema, {
      orderId: order.orderId,
      brandId: order.brandId,
      customerId: order.customerId,
      deliveryZone: order.deliveryZone,
      ...(order.deliveryAddress ? { deliveryAddress: order.deliveryAddress } : {}),
      totalUnits: order.totalUnits,
    });
    events.push({ ...aggregate, schema: OrderReadyForDispatchSchema, payload });
  }
  if (move.to === "cancelled") {
    const payload = create(OrderCancelledSchema, {
      order,
      fromStatus: statusToProto(move.from),
      actor: actor.subject,
      actorRole,
      reason: move.reason,
    });
    events.push({ ...aggregate, schema: OrderCancelledSchema, payload });
  }
  return events;
}

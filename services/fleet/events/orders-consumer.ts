import { isMessage } from "@bufbuild/protobuf";
import { OrderCancelledSchema, OrderReadyForDispatchSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import type { ConsumedEvent, EventConsumer, ServiceEvents } from "../../kit/events/index.js";
import { acceptReadyOrder, cancelDelivery, type FleetContext } from "../operations/index.js";
import type { FleetDatabase } from "../storage/index.js";

/** Zones handled side by side by one Fleet process. */
export const zoneLanes = 8;

/** The delivery zone an order event is about. */
function zoneOf(event: ConsumedEvent): string {
  const { payload } = event;
  if (isMessage(payload, OrderReadyForDispatchSchema)) return payload.deliveryZone;
  if (isMessage(payload, OrderCancelledSchema)) return payload.order?.deliveryZone ?? "";
  return "";
}

/**
 * `fleet-orders`: the durable consumer of order events that feed the fleet. OrderReadyForDispatch
 * queues the order and assigns it when a courier is free; OrderCancelled stops its delivery.
 * Replicas share the consumer, so each event goes to one of them; the inbox and the assignment's
 * primary key make a redelivered event change nothing. Zones are handled side by side.
 */
export function createOrdersConsumer(ctx: FleetContext, events: ServiceEvents<FleetDatabase>): EventConsumer {
  return events.consumer({
    name: "fleet-orders",
    from: "orders",
    types: [OrderReadyForDispatchSchema, OrderCancelledSchema],
    // Zones are independent (each transaction takes its zone's lock): they run side by side, while
    // one zone's events keep their order, so its queue stays first in first out.
    concurrency: zoneLanes,
    laneOf: zoneOf,
    async handle(event, trx) {
      const { payload } = event;
      if (isMessage(payload, OrderReadyForDispatchSchema)) {
        await acceptReadyOrder(trx, ctx, payload);
      } else if (isMessage(payload, OrderCancelledSchema) && payload.order) {
        await cancelDelivery(trx, ctx, payload.order, payload.reason);
      }
    },
  });
}

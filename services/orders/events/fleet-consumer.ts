import type { EventConsumer, ServiceEvents } from "../../kit/events/index.js";
import { applyDeliveryEvent, type DeliveryEventContext } from "../operations/index.js";
import type { OrdersDatabase } from "../storage/index.js";

/**
 * Durable consumer `orders-fleet` of the fleet stream: moves orders through the delivery states
 * and logs recalled and aborted deliveries. The kit's inbox makes each event count once however
 * often JetStream delivers it; the forward-only rule of the delivery states makes a late or
 * repeated report (under another event id) change nothing.
 */
export function createFleetConsumer(events: ServiceEvents<OrdersDatabase>, ctx: DeliveryEventContext): EventConsumer {
  return events.consumer({
    name: "orders-fleet",
    from: "fleet",
    handle: (event, trx) => applyDeliveryEvent(trx, ctx, event),
  });
}

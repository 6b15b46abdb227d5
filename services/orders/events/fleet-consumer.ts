import type { Logger } from "pino";
import type { EventConsumer, Outbox, ServiceEvents } from "../../kit/events/index.js";
import { applyDeliveryEvent } from "../operations/apply-delivery-event.js";
import type { OrdersDatabase } from "../storage/index.js";

/** What the Fleet consumer needs. */
export interface FleetConsumerDeps {
  readonly events: ServiceEvents<OrdersDatabase>;
  /** The orders outbox, for the events of the moves the delivery events cause. */
  readonly outbox: Outbox;
  readonly logger: Logger;
}

/**
 * Durable consumer `orders-fleet` of the fleet stream: moves orders through the delivery states
 * and logs recalled and aborted deliveries. The kit's inbox makes each event count once however
 * often JetStream delivers it; the forward-only rule of the delivery states makes a late or
 * repeated report (under another event id) change nothing.
 */
export function createFleetConsumer(deps: FleetConsumerDeps): EventConsumer {
  return deps.events.consumer({
    name: "orders-fleet",
    from: "fleet",
    handle: (event, trx) => applyDeliveryEvent(trx, deps.outbox, deps.logger, event),
  });
}

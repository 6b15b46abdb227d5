import { createRegistry, isMessage } from "@bufbuild/protobuf";
import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import {
  file_waybill_orders_v1_events,
  OrderCancelledSchema,
  OrderReadyForDispatchSchema,
} from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import {
  type ConsumedEvent,
  createEventConsumer,
  domainStreamName,
  domainSubjects,
  type EventConsumer,
} from "../../kit/events/index.js";
import { acceptReadyOrder } from "../operations/accept-ready-order.js";
import { cancelDelivery } from "../operations/cancel-delivery.js";
import type { FleetContext } from "../operations/fleet-context.js";

/** Connections the consumer needs. */
export interface OrdersConsumerDeps {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly prefix: string;
}

/** Zones handled side by side by one Fleet process. */
export const zoneLanes = 8;

const handled: ReadonlySet<string> = new Set([OrderReadyForDispatchSchema.typeName, OrderCancelledSchema.typeName]);

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
export function createOrdersConsumer(ctx: FleetContext, deps: OrdersConsumerDeps): EventConsumer {
  return createEventConsumer({
    db: ctx.db,
    js: deps.js,
    jsm: deps.jsm,
    schema: "fleet",
    name: "fleet-orders",
    stream: domainStreamName(deps.prefix, "orders"),
    filterSubject: domainSubjects(deps.prefix, "orders"),
    registry: createRegistry(file_waybill_orders_v1_events),
    logger: ctx.logger,
    accepts: (event) => handled.has(event.type),
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

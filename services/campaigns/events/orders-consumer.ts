import { createRegistry, isMessage } from "@bufbuild/protobuf";
import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import {
  file_waybill_orders_v1_events,
  OrderCancelledSchema,
  OrderLinesReturnedSchema,
  OrderPlacedSchema,
} from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import type { Order } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import {
  type ConsumedEvent,
  createEventConsumer,
  domainStreamName,
  domainSubjects,
  type EventConsumer,
} from "../../kit/events/index.js";
import {
  attributeCancelledOrder,
  attributePlacedOrder,
  attributeReturnedLines,
} from "../operations/attribute-order.js";
import type { CampaignsContext } from "../operations/campaigns-context.js";

/** Connections the consumer needs. */
export interface OrdersConsumerDeps {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly prefix: string;
}

/** The order an event of interest carries, when it was placed with a promo code. */
function codedOrder(event: ConsumedEvent): Order | undefined {
  const { payload } = event;
  const order =
    isMessage(payload, OrderPlacedSchema) ||
    isMessage(payload, OrderCancelledSchema) ||
    isMessage(payload, OrderLinesReturnedSchema)
      ? payload.order
      : undefined;
  return order?.campaignCode ? order : undefined;
}

/**
 * `campaigns-orders`: the durable consumer of order events that keeps campaign stats. OrderPlaced
 * adds an order placed with a campaign's promo code, OrderCancelled takes it back, and
 * OrderLinesReturned subtracts returned units and value. Orders without a code are acknowledged
 * without a transaction. The kit's inbox drops redelivered events, and each order's attribution row
 * makes a repeat under another event id change nothing.
 */
export function createOrdersConsumer(ctx: CampaignsContext, deps: OrdersConsumerDeps): EventConsumer {
  return createEventConsumer({
    db: ctx.db,
    js: deps.js,
    jsm: deps.jsm,
    schema: "campaigns",
    name: "campaigns-orders",
    stream: domainStreamName(deps.prefix, "orders"),
    filterSubject: domainSubjects(deps.prefix, "orders"),
    registry: createRegistry(file_waybill_orders_v1_events),
    logger: ctx.logger,
    accepts: (event) => codedOrder(event) !== undefined,
    async handle(event, trx) {
      const order = codedOrder(event);
      if (!order) return;
      if (isMessage(event.payload, OrderPlacedSchema)) await attributePlacedOrder(trx, ctx, order);
      else if (isMessage(event.payload, OrderCancelledSchema)) await attributeCancelledOrder(trx, ctx, order);
      else await attributeReturnedLines(trx, ctx, order);
    },
  });
}

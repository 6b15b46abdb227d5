import { isMessage } from "@bufbuild/protobuf";
import {
  OrderCancelledSchema,
  OrderLinesReturnedSchema,
  OrderPlacedSchema,
} from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import type { Order } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { ConsumedEvent, EventConsumer, ServiceEvents } from "../../kit/events/index.js";
import {
  attributeCancelledOrder,
  attributePlacedOrder,
  attributeReturnedLines,
  type CampaignsContext,
} from "../operations/index.js";
import type { CampaignsDatabase } from "../storage/index.js";

/** The order an event of interest carries, when it was placed with a promo code. */
function codedOrder(event: ConsumedEvent): Order | undefined {
  const { payload } = event;
  const order =
    isMessage(payload, OrderPlacedSchema) ||
    isMessage(payload, OrderCancelledSchema) ||
    isMessage(payload, OrderLinesReturnedSchema)
      ? payload.order
      : undefined;
  return order?.promoCode ? order : undefined;
}

/**
 * `campaigns-orders`: the durable consumer of order events that keeps campaign stats. OrderPlaced
 * adds an order placed with a campaign's promo code, OrderCancelled takes it back, and
 * OrderLinesReturned subtracts returned units and value. Orders without a code are acknowledged
 * without a transaction. The kit's inbox drops redelivered events, and each order's attribution row
 * makes a repeat under another event id change nothing.
 */
export function createOrdersConsumer(ctx: CampaignsContext, events: ServiceEvents<CampaignsDatabase>): EventConsumer {
  return events.consumer({
    name: "campaigns-orders",
    from: "orders",
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

import { isMessage } from "@bufbuild/protobuf";
import {
  OrderCancelledSchema,
  OrderLinesReturnedSchema,
  OrderPlacedSchema,
} from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import type { EventConsumer, ServiceEvents } from "../../kit/events/index.js";
import { changeReservation, confirmPlacedOrder, type InventoryContext, returnOrderLines } from "../operations/index.js";
import type { InventoryDatabase } from "../storage/index.js";

/**
 * `inventory-orders`: Inventory's reactions to order events, each idempotent beyond the inbox
 * (replays, or the same effect arriving by RPC first, change nothing twice) and tolerant of
 * arriving out of order.
 * - OrderPlaced confirms the order's hold (Orders records most orders on a live hold without
 *   confirming it, see its README); a hold already released (the cancellation came first) stays
 *   released, and one released before any cancellation is logged as an error.
 * - OrderCancelled releases the hold unless it was committed (then the goods come back when the
 *   recalled delivery is aborted).
 * - OrderLinesReturned puts the returned units back on hand, once per line return and never
 *   beyond what the order committed: the excess is logged (warn) and dropped, not retried; a
 *   return before the dispatch was processed here is retried (ABORTED) until it has been.
 */
export function createOrderEventsConsumer(
  ctx: InventoryContext,
  events: ServiceEvents<InventoryDatabase>,
): EventConsumer {
  return events.consumer({
    name: "inventory-orders",
    from: "orders",
    types: [OrderPlacedSchema, OrderCancelledSchema, OrderLinesReturnedSchema],
    async handle(event, trx) {
      const { payload } = event;
      if (isMessage(payload, OrderPlacedSchema) && payload.order) {
        await confirmPlacedOrder(trx, ctx, {
          orderId: payload.order.orderId,
          actor: payload.actor || "orders",
          eventId: event.id,
        });
      } else if (isMessage(payload, OrderCancelledSchema) && payload.order) {
        const note = payload.reason ? `order cancelled - ${payload.reason}` : "order cancelled";
        await changeReservation(trx, ctx, {
          orderId: payload.order.orderId,
          action: "release",
          actor: payload.actor || "orders",
          note,
          mode: "lenient",
        });
      } else if (isMessage(payload, OrderLinesReturnedSchema) && payload.order) {
        const order = payload.order;
        const outcome = await returnOrderLines(trx, ctx, {
          orderId: order.orderId,
          brandId: order.brandId || event.tenant,
          lines: payload.lines.map((line) => ({
            lineNumber: line.lineNumber,
            sku: line.sku,
            quantity: Number(line.quantity),
          })),
          returnedSoFar: new Map(order.lines.map((line) => [line.lineNumber, Number(line.returnedQuantity)])),
          actor: payload.actor || "orders",
          note: payload.reason ? `returned - ${payload.reason}` : "returned",
          eventId: event.id,
        });
        const orderId = order.orderId;
        if (outcome.kind !== "returned") {
          ctx.logger.warn(
            { orderId, eventId: event.id, ...outcome },
            "returned lines of an order that consumed nothing: none taken back",
          );
        } else {
          ctx.logger.debug({ orderId, units: outcome.units }, "returned lines taken back");
          for (const excess of outcome.excess) {
            ctx.logger.warn(
              { orderId, eventId: event.id, ...excess },
              "returned lines capped at what the order committed",
            );
          }
        }
      }
    },
  });
}

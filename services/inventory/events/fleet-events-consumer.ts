import { isMessage } from "@bufbuild/protobuf";
import { DeliveryAbortedSchema, OrderDispatchedSchema } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import type { EventConsumer, ServiceEvents } from "../../kit/events/index.js";
import { changeReservation, type InventoryContext, returnAbortedDelivery } from "../operations/index.js";
import type { InventoryDatabase } from "../storage/index.js";

/**
 * `inventory-fleet`: Inventory's reactions to delivery events, idempotent beyond the inbox.
 * - OrderDispatched commits the order's hold: on hand and reserved both fall (consumption).
 * - DeliveryAborted puts the committed units back on hand, once per order, less what came back
 *   of them before (ReturnStock, returned lines: logged as a warning); if the dispatch has not
 *   been seen yet, the hold is released instead.
 */
export function createFleetEventsConsumer(
  ctx: InventoryContext,
  events: ServiceEvents<InventoryDatabase>,
): EventConsumer {
  return events.consumer({
    name: "inventory-fleet",
    from: "fleet",
    types: [OrderDispatchedSchema, DeliveryAbortedSchema],
    async handle(event, trx) {
      const { payload } = event;
      if (isMessage(payload, OrderDispatchedSchema) && payload.assignment) {
        const { orderId, courierId } = payload.assignment;
        const result = await changeReservation(trx, ctx, {
          orderId,
          action: "commit",
          actor: courierId || "fleet",
          note: "dispatched",
          mode: "lenient",
        });
        if (!result.changed)
          ctx.logger.debug({ orderId }, "dispatch found no hold to commit (already committed or released)");
      } else if (isMessage(payload, DeliveryAbortedSchema) && payload.assignment) {
        const { orderId, courierId } = payload.assignment;
        const note = payload.reason ? `delivery aborted - ${payload.reason}` : "delivery aborted";
        const outcome = await returnAbortedDelivery(trx, ctx, { orderId, actor: courierId || "fleet", note });
        const units = outcome.kind === "returned" ? outcome.units : 0;
        ctx.logger.debug({ orderId, outcome: outcome.kind, units }, "aborted delivery handled");
        for (const excess of outcome.kind === "returned" ? outcome.excess : []) {
          ctx.logger.warn(
            { orderId, eventId: event.id, ...excess },
            "aborted delivery capped at what the order had not returned",
          );
        }
      }
    },
  });
}

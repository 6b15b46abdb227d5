import { createRegistry, isMessage } from "@bufbuild/protobuf";
import {
  DeliveryAbortedSchema,
  file_waybill_fleet_v1_events,
  OrderDispatchedSchema,
} from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import { createEventConsumer, domainStreamName, domainSubjects, type EventConsumer } from "../../kit/events/index.js";
import { changeReservation } from "../operations/change-reservation.js";
import type { InventoryContext } from "../operations/inventory-context.js";
import { returnAbortedDelivery } from "../operations/return-aborted-delivery.js";
import { inventorySchema } from "../storage/schema-table.js";
import type { ConsumerDeps } from "./order-events-consumer.js";

/**
 * `inventory-fleet`: Inventory's reactions to delivery events, idempotent beyond the inbox.
 * - OrderDispatched commits the order's hold: on hand and reserved both fall (consumption).
 * - DeliveryAborted puts the committed units back on hand, once per order; if the dispatch has
 *   not been seen yet, the hold is released instead.
 */
export function createFleetEventsConsumer(ctx: InventoryContext, deps: ConsumerDeps): EventConsumer {
  return createEventConsumer({
    db: ctx.db,
    js: deps.js,
    jsm: deps.jsm,
    schema: inventorySchema,
    name: "inventory-fleet",
    stream: domainStreamName(deps.prefix, "fleet"),
    filterSubject: domainSubjects(deps.prefix, "fleet"),
    registry: createRegistry(file_waybill_fleet_v1_events),
    logger: ctx.logger,
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
        ctx.logger.debug({ orderId, outcome }, "aborted delivery handled");
      }
    },
  });
}

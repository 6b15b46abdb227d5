import type { OrderReadyForDispatch } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import type { Kysely } from "kysely";
import { currentTraceparent } from "../../kit/telemetry/linked-span.js";
import { type FleetDatabase, insertAssignment, lockZone } from "../storage/index.js";
import { storedDeliveryAddress } from "../wire/index.js";
import type { FleetContext } from "./fleet-context.js";
import { announceQueued, matchZone } from "./match-zone.js";

/**
 * An order is ready for dispatch: it joins the back of its zone's queue and is assigned at once
 * if a courier is free. The order id is the assignment's primary key, so a redelivered or
 * repeated event (or one arriving after the order was cancelled, which leaves a cancelled row)
 * changes nothing. Returns false when the event was such a repeat. Runs in the consumer's `trx`;
 * the assignment keeps the consumer's trace context, so its later steps join the order's trace.
 */
export async function acceptReadyOrder(
  trx: Kysely<FleetDatabase>,
  ctx: FleetContext,
  ready: OrderReadyForDispatch,
): Promise<boolean> {
  const zone = ready.deliveryZone;
  await lockZone(trx, zone);
  const now = ctx.now();
  const inserted = await insertAssignment(trx, {
    order_id: ready.orderId,
    brand_id: ready.brandId,
    customer_id: ready.customerId,
    zone,
    delivery_address: storedDeliveryAddress(ready.deliveryAddress),
    status: "queued",
    trace_parent: currentTraceparent(),
    created_at: now,
    updated_at: now,
  });
  if (!inserted) return false;
  const made = await matchZone(trx, ctx, zone);
  if (!made.some((assignment) => assignment.order_id === inserted.order_id)) await announceQueued(trx, ctx, inserted);
  return true;
}

import { create } from "@bufbuild/protobuf";
import { OrderLinesReturnedSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import {
  ReturnedLineSchema,
  type ReturnOrderLinesRequest,
  type ReturnOrderLinesResponse,
  ReturnOrderLinesResponseSchema,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Kysely } from "kysely";
import { failedPrecondition } from "../../kit/errors/index.js";
import type { Outbox } from "../../kit/events/index.js";
import { planReturn, statusLabel } from "../domain/index.js";
import { money, roleToProto } from "../handlers/messages.js";
import { addReturnedQuantities, type OrdersDatabase, type OrderWithLines } from "../storage/index.js";
import { recordTransitions } from "./record-transitions.js";
import type { Actor } from "./transition-events.js";

/**
 * Records goods of a delivered order coming back, line by line, in the caller's transaction
 * (under the order's row lock): adds the returned units to the lines, the value to the order, and
 * publishes OrderLinesReturned (Inventory puts the units back on hand from it). The return that
 * leaves nothing on any line also moves the order to RETURNED.
 */
export async function returnLines(
  trx: Kysely<OrdersDatabase>,
  outbox: Outbox,
  order: OrderWithLines,
  request: ReturnOrderLinesRequest,
  actor: Actor,
): Promise<ReturnOrderLinesResponse> {
  if (order.status !== "delivered") {
    throw failedPrecondition(`order is ${statusLabel(order.status)} and only a DELIVERED order takes returns`);
  }
  const plan = planReturn(
    order.lines.map((line) => ({
      lineNumber: line.line_number,
      sku: line.sku,
      quantity: line.quantity,
      returnedQuantity: line.returned_quantity,
      unitPriceMinor: line.unit_price_minor,
    })),
    request.lines.map((line) => ({ lineNumber: line.lineNumber, quantity: Number(line.quantity) })),
  );
  await addReturnedQuantities(trx, order.order_id, plan.lines);
  const returning = new Map(plan.lines.map((line) => [line.lineNumber, line.quantity]));
  const lines = order.lines.map((line) => ({
    ...line,
    returned_quantity: line.returned_quantity + (returning.get(line.line_number) ?? 0),
  }));
  const returnedLines = plan.lines.map((line) =>
    create(ReturnedLineSchema, {
      lineNumber: line.lineNumber,
      sku: line.sku,
      quantity: BigInt(line.quantity),
      amount: money(order.currency_code, line.amountMinor),
    }),
  );
  const changed = await recordTransitions(
    trx,
    outbox,
    order,
    plan.fullyReturned ? [{ to: "returned", reason: request.reason }] : [],
    "return",
    actor,
    {
      lines,
      returnedMinor: order.returned_minor + plan.amountMinor,
      events: (after) => [
        {
          aggregateId: order.order_id,
          tenant: order.brand_id,
          schema: OrderLinesReturnedSchema,
          payload: create(OrderLinesReturnedSchema, {
            order: after,
            lines: returnedLines,
            actor: actor.subject,
            actorRole: roleToProto(actor.role),
            reason: request.reason,
          }),
        },
      ],
    },
  );
  return create(ReturnOrderLinesResponseSchema, { order: changed.order, returnedLines });
}

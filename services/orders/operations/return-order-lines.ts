import { create } from "@bufbuild/protobuf";
import { OrderLinesReturnedSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import {
  ReturnedLineSchema,
  type ReturnOrderLinesRequest,
  ReturnOrderLinesRequestSchema,
  type ReturnOrderLinesResponse,
  ReturnOrderLinesResponseSchema,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Kysely } from "kysely";
import type { Principal } from "../../kit/auth/index.js";
import { failedPrecondition } from "../../kit/errors/index.js";
import { planReturn, statusLabel } from "../domain/index.js";
import { addReturnedQuantities, type OrdersDatabase, type OrderWithLines } from "../storage/index.js";
import { money, roleToProto } from "../wire/index.js";
import { changeOrder } from "./change-order.js";
import type { OrderChangeContext, OrdersContext } from "./orders-context.js";
import { recordTransitions } from "./record-transitions.js";
import type { Actor } from "./transition-events.js";

/**
 * ReturnOrderLines: goods of a delivered order come back, line by line, once per idempotency key
 * and under the order's row lock (see `changeOrder`).
 */
export async function returnOrderLines(
  ctx: OrdersContext,
  principal: Principal,
  request: ReturnOrderLinesRequest,
): Promise<ReturnOrderLinesResponse> {
  const idempotent = {
    scope: `ReturnOrderLines/${request.orderId}`,
    key: request.idempotencyKey,
    requestSchema: ReturnOrderLinesRequestSchema,
    request,
  };
  return changeOrder(ctx, principal, request.orderId, idempotent, ReturnOrderLinesResponseSchema, (trx, order) =>
    returnLines(trx, ctx, order, request, principal),
  );
}

/**
 * Records the return in the caller's transaction (under the order's row lock): adds the returned
 * units to the lines, the value to the order, and publishes OrderLinesReturned (Inventory puts the
 * units back on hand from it). The return that leaves nothing on any line also moves the order to
 * RETURNED.
 */
async function returnLines(
  trx: Kysely<OrdersDatabase>,
  ctx: OrderChangeContext,
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
    ctx,
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

import { type Reservation, ReservationStatus } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import {
  type PlaceOrderRequest,
  PlaceOrderRequestSchema,
  type PlaceOrderResponse,
  PlaceOrderResponseSchema,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Principal } from "../../kit/auth/index.js";
import { DomainError, failedPrecondition, notFound } from "../../kit/errors/index.js";
import { type IdempotentRequest, runIdempotent } from "../../kit/idempotency/index.js";
import { type HeldLine, orderIdFor, priceOrder } from "../domain/index.js";
import { lookupPlacement, recordPlacement } from "../storage/index.js";
import { confirmHold } from "./confirm-hold.js";
import type { OrdersContext } from "./orders-context.js";
import { buildPlacedOrder } from "./placed-order.js";

/** The idempotency scope of a caller's PlaceOrder keys (and the namespace of its order ids). */
export function placeOrderScope(principal: Pick<Principal, "role" | "subject">): string {
  return `PlaceOrder/${principal.role}/${principal.subject}`;
}

/**
 * PlaceOrder, synchronously: replay a key that already has an answer without calling anyone;
 * otherwise hold the stock at Inventory under an order id derived from the key (all or nothing —
 * a shortage comes back unchanged with its StockShortage detail), record the order with the key's
 * answer in one atomic statement, then confirm the hold so it no longer expires. A crash anywhere
 * before the record leaves only a hold, which a retry with the key finds again (same order id) or
 * which expires.
 */
export async function placeOrder(
  ctx: OrdersContext,
  principal: Principal,
  request: PlaceOrderRequest,
): Promise<PlaceOrderResponse> {
  const scope = placeOrderScope(principal);
  const idempotent: IdempotentRequest<typeof PlaceOrderRequestSchema> = {
    scope,
    key: request.idempotencyKey,
    requestSchema: PlaceOrderRequestSchema,
    request,
  };
  const lookup = await lookupPlacement(ctx.db, scope, request.idempotencyKey, request.customerId);
  if (lookup.answered) {
    // Undefined when the answer was forgotten meanwhile (its order expired): place it normally.
    const replayed = await replay(ctx, idempotent);
    if (replayed) return replayed;
  }
  if (!lookup.customerExists)
    throw notFound(`customer ${request.customerId} does not exist - create the customer first`);

  const orderId = orderIdFor(scope, request.idempotencyKey);
  const held = await ctx.inventory.reserveStock({
    orderId,
    brandId: request.brandId,
    lines: request.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
  });
  const reservation = held.reservation;
  if (!reservation) throw new Error(`Inventory answered ReserveStock for ${orderId} without a reservation`);
  await ctx.afterReserve?.({ orderId });

  if (reservation.status === ReservationStatus.RELEASED) {
    // The hold of an earlier attempt with this key is gone: only a stored answer can still help.
    const stored = await replay(ctx, idempotent);
    if (stored) return stored;
    throw expired(orderId);
  }
  const pricing = priceOrder(
    request.lines.map((line) => ({ sku: line.sku, quantity: Number(line.quantity) })),
    reservation.lines.map(toHeldLine),
  );
  if (!pricing.ok) {
    if (pricing.problem === "reservation_mismatch") {
      throw failedPrecondition(`idempotency key ${request.idempotencyKey} was already used for a different request`);
    }
    if (reservation.status === ReservationStatus.HELD) {
      // Best effort: a hold that is not released here expires.
      await ctx.inventory
        .releaseReservation({ orderId, reason: "order refused before it was recorded" })
        .catch((error: unknown) => {
          ctx.logger.warn({ err: error, orderId }, "releasing the hold of a refused order failed; it will expire");
        });
    }
    throw failedPrecondition(pricing.message);
  }

  const placed = buildPlacedOrder(orderId, request, pricing.order, principal, ctx.now());
  const recorded = await recordPlacement(ctx.db, ctx.outbox, {
    claim: {
      schema: "orders",
      scope,
      key: request.idempotencyKey,
      requestSchema: PlaceOrderRequestSchema,
      request,
      responseSchema: PlaceOrderResponseSchema,
      response: placed.response,
    },
    order: placed.rows,
  });
  // A concurrent request with the key recorded the order first: answer what it stored.
  const response = recorded ? placed.response : await replay(ctx, idempotent);
  if (!response)
    throw new DomainError(
      "aborted",
      "the order was cancelled while it was being placed - retry with a new idempotency key",
    );
  if (reservation.status === ReservationStatus.HELD && !(await confirmHold(ctx, orderId, idempotent)))
    throw expired(orderId);
  return response;
}

/** The stored answer of the key (or the kit's refusal of a different request), if there is one. */
async function replay(
  ctx: OrdersContext,
  idempotent: IdempotentRequest<typeof PlaceOrderRequestSchema>,
): Promise<PlaceOrderResponse | undefined> {
  return ctx.db
    .transaction()
    .execute((trx) => runIdempotent(trx, idempotent, PlaceOrderResponseSchema, () => Promise.reject(notAnswered)))
    .catch((error: unknown) => (error === notAnswered ? undefined : Promise.reject(error)));
}

/** Rolls back a replay that found no stored answer (the claim it made is undone with it). */
const notAnswered = new Error("idempotency key has no stored answer");

function toHeldLine(line: Reservation["lines"][number]): HeldLine {
  return {
    sku: line.sku,
    name: line.name,
    quantity: Number(line.quantity),
    currencyCode: line.unitPrice?.currencyCode ?? "",
    unitPriceMinor: Number(line.unitPrice?.minorUnits ?? 0n),
  };
}

function expired(orderId: string): DomainError {
  return new DomainError(
    "aborted",
    `the stock hold of order ${orderId} expired before the order was confirmed - place the order again with a new idempotency key`,
  );
}

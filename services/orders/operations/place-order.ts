import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import {
  type Reservation,
  ReservationStatus,
  StockShortageSchema,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import {
  type PlaceOrderRequest,
  PlaceOrderRequestSchema,
  type PlaceOrderResponse,
  PlaceOrderResponseSchema,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Principal } from "../../kit/auth/index.js";
import type { Deadline } from "../../kit/deadlines/index.js";
import { DomainError, failedPrecondition, notFound } from "../../kit/errors/index.js";
import {
  answerOf,
  type IdempotentRequest,
  isDefinitiveRefusal,
  keyReused,
  readStoredAnswer,
} from "../../kit/idempotency/index.js";
import { customerBrandScope, type HeldLine, orderIdFor, priceOrder } from "../domain/index.js";
import { beginPlacement, recordPlacement } from "../storage/index.js";
import { confirmHold } from "./confirm-hold.js";
import type { OrdersContext, PlacementStep } from "./orders-context.js";
import { buildPlacedOrder } from "./placed-order.js";
import { endedWithoutOrder, type PlacementKey, refusePlacement, releaseRefusedHold } from "./refuse-placement.js";

/** The idempotency scope of a caller's PlaceOrder keys (and the namespace of its order ids). */
export function placeOrderScope(principal: Pick<Principal, "role" | "subject">): string {
  return `PlaceOrder/${principal.role}/${principal.subject}`;
}

/**
 * PlaceOrder, synchronously, within `deadline` (the caller's timeout, capped by
 * PLACE_ORDER_DEADLINE_MS): replay a key that already has an answer — a definitive refusal
 * included — without calling anyone; otherwise register the attempt in `placements`, hold the
 * stock at Inventory under an order id derived from the key (all or nothing — a shortage is
 * stored under the key and answered with its StockShortage detail), record the order with the
 * key's answer in one atomic statement that only an attempt still registered may make, then
 * confirm the hold so it no longer expires. The deadline is checked before the hold and before
 * the record: work whose caller is gone stops there. A crash or a stall anywhere before the
 * record leaves at most a hold, which a retry with the key finds again (same order id) or which
 * the placement sweeper releases once the deadline has passed.
 */
export async function placeOrder(
  ctx: OrdersContext,
  principal: Principal,
  request: PlaceOrderRequest,
  deadline: Deadline,
): Promise<PlaceOrderResponse> {
  const scope = placeOrderScope(principal);
  const step: PlacementStep = {
    orderId: orderIdFor(scope, request.idempotencyKey),
    idempotencyKey: request.idempotencyKey,
  };
  try {
    const response = await place(ctx, request, principal, deadline, { scope, step });
    ctx.placementSettled?.(step);
    return response;
  } catch (error) {
    ctx.placementSettled?.({ ...step, error });
    throw error;
  }
}

async function place(
  ctx: OrdersContext,
  request: PlaceOrderRequest,
  principal: Principal,
  deadline: Deadline,
  { scope, step }: { readonly scope: string; readonly step: PlacementStep },
): Promise<PlaceOrderResponse> {
  const { orderId } = step;
  const key: IdempotentRequest<typeof PlaceOrderRequestSchema> = {
    scope,
    key: request.idempotencyKey,
    requestSchema: PlaceOrderRequestSchema,
    request,
  };
  if (deadline.at === undefined) throw new Error("PlaceOrder runs with a deadline (PLACE_ORDER_DEADLINE_MS)");
  deadline.check("placing the order");
  const customerOfBrand = customerBrandScope(principal);
  const start = await beginPlacement(ctx.db, {
    scope,
    key: request.idempotencyKey,
    customerId: request.customerId,
    ...(customerOfBrand === undefined ? {} : { customerOfBrand }),
    orderId,
    attemptId: crypto.randomUUID(),
    deadline: deadline.at,
  });
  if (start.answered) return answerOfKey(ctx, key);
  if (!start.customerExists) {
    // A partner gets one answer whether the customer is unknown or only another brand's.
    throw notFound(
      customerOfBrand === undefined
        ? `customer ${request.customerId} does not exist - create the customer first`
        : `brand ${customerOfBrand} has no customer ${request.customerId} - a partner places orders only for customers its brand created or who have ordered from it`,
    );
  }
  // The key's earlier attempts are settled or being released: only a stored answer can help.
  if (start.epoch === undefined) return answerOfKey(ctx, key);
  const attempt: PlacementKey = { key, orderId, epoch: start.epoch };

  deadline.check("holding the stock");
  await ctx.beforeReserve?.(step);
  let reservation: Reservation;
  try {
    const held = await ctx.inventory.reserveStock(
      {
        orderId,
        brandId: request.brandId,
        lines: request.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
      },
      deadline.callOptions(),
    );
    if (!held.reservation) throw new Error(`Inventory answered ReserveStock for ${orderId} without a reservation`);
    reservation = held.reservation;
  } catch (error) {
    if (!isDefinitiveRefusal(error, [Code.NotFound])) {
      // A call cut short because the caller's deadline passed or it left: say so.
      deadline.check("holding the stock");
      throw error;
    }
    const refusal = ConnectError.from(error);
    // The order id holds another brand's stock: the key was used for another request.
    if (refusal.code === Code.FailedPrecondition && refusal.findDetails(StockShortageSchema).length === 0)
      throw keyReused(request.idempotencyKey);
    // A shortage, an unknown SKU: final for this request, so stored under the key.
    return refusePlacement(ctx, attempt, refusal, { held: false, deadline });
  }
  await ctx.afterReserve?.(step);

  if (reservation.status === ReservationStatus.RELEASED) {
    // The hold of an earlier attempt with this key is gone: only a stored answer can still help.
    const stored = await readStoredAnswer(ctx.db, key, PlaceOrderResponseSchema);
    if (stored.kind !== "none") return answerOf(stored);
    deadline.check("placing the order");
    throw expired(orderId);
  }
  const held = reservation.status === ReservationStatus.HELD;
  const pricing = priceOrder(
    request.lines.map((line) => ({ sku: line.sku, quantity: Number(line.quantity) })),
    reservation.lines.map(toHeldLine),
  );
  if (!pricing.ok) {
    // The hold is another request's, made under the same key: refuse without touching it.
    if (pricing.problem === "reservation_mismatch") throw keyReused(request.idempotencyKey);
    return refusePlacement(ctx, attempt, failedPrecondition(pricing.message), { held, deadline });
  }

  deadline.check("recording the order");
  await ctx.beforeRecord?.(step);
  const placed = buildPlacedOrder(orderId, request, pricing.order, principal, ctx.now());
  const recordBefore = held ? recordDeadline(ctx, reservation, deadline) : undefined;
  const recorded = await recordPlacement(ctx.db, ctx.outbox, {
    claim: { schema: "orders", ...key, responseSchema: PlaceOrderResponseSchema, response: placed.response },
    order: placed.rows,
    epoch: attempt.epoch,
    ...(recordBefore ? { recordBefore } : {}),
  });
  if (!recorded) return answerAfterLostRecord(ctx, attempt, { held, deadline });
  await ctx.afterRecord?.(step);
  // Once recorded, the order exists: a hold recorded without a time limit is confirmed now, even
  // if the caller has gone meanwhile; one recorded before its expiry is confirmed by Inventory
  // when it consumes OrderPlaced.
  if (held && !recordBefore && !(await confirmHold(ctx, orderId, key))) throw expired(orderId);
  return placed.response;
}

/**
 * The time before which the order may be recorded on its HELD stock without confirming the hold
 * first: the hold's expiry less `holdClockMarginMs` (Inventory's clock may run ahead of
 * PostgreSQL's), when that is later than the attempt's deadline. The record statement checks it
 * against PostgreSQL's clock, so no order is ever recorded on a hold that has expired, and the
 * synchronous ConfirmReservation (a call and a transaction per order) is saved. `undefined` when
 * the hold expires too soon for that (short `RESERVATION_TTL_MS`): the order is then recorded,
 * and the hold confirmed, as before.
 */
function recordDeadline(ctx: OrdersContext, reservation: Reservation, deadline: Deadline): Date | undefined {
  if (!reservation.expireTime || deadline.at === undefined) return undefined;
  const safeUntil = timestampDate(reservation.expireTime).getTime() - ctx.holdClockMarginMs;
  return safeUntil > deadline.at.getTime() ? new Date(safeUntil) : undefined;
}

/**
 * The answer of an attempt whose record found its placement no longer open: another attempt
 * with the key recorded the order (answer it), or stored a refusal (answer it, and give back the
 * stock this attempt holds: the key can never become an order), or the sweeper gave the attempt
 * up after its deadline (DEADLINE_EXCEEDED; the sweeper releases the hold).
 */
async function answerAfterLostRecord(
  ctx: OrdersContext,
  attempt: PlacementKey,
  { held, deadline }: { readonly held: boolean; readonly deadline: Deadline },
): Promise<PlaceOrderResponse> {
  const stored = await readStoredAnswer(ctx.db, attempt.key, PlaceOrderResponseSchema);
  if (stored.kind === "response") {
    if (held && !(await confirmHold(ctx, attempt.orderId, attempt.key))) throw expired(attempt.orderId);
    return stored.response;
  }
  if (stored.kind === "none") {
    deadline.check("recording the order");
    throw endedWithoutOrder(attempt.key.key);
  }
  if (held && (stored.kind === "refusal" || stored.refused)) await releaseRefusedHold(ctx, attempt.orderId);
  throw stored.error;
}

/** The stored answer of the key (or the refusal of a different request under it), else ABORTED. */
async function answerOfKey(
  ctx: OrdersContext,
  key: IdempotentRequest<typeof PlaceOrderRequestSchema>,
): Promise<PlaceOrderResponse> {
  const stored = await readStoredAnswer(ctx.db, key, PlaceOrderResponseSchema);
  if (stored.kind !== "none") return answerOf(stored);
  throw endedWithoutOrder(key.key);
}

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

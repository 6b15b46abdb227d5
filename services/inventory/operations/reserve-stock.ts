import { create } from "@bufbuild/protobuf";
import { ReservationChangedSchema } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import type { Kysely } from "kysely";
import { failedPrecondition, notFound } from "../../kit/errors/index.js";
import { findShortages, isTombstone, type StockQuantity, shortageMessage, sumStockLines } from "../domain/index.js";
import {
  claimReservation,
  findReservation,
  type InventoryDatabase,
  lockAvailable,
  type ReservationRow,
} from "../storage/index.js";
import { stockShortageDetail, toReservation } from "../wire/index.js";
import { applyStockChanges, type RefusalHandler } from "./apply-stock-changes.js";
import type { InventoryContext } from "./inventory-context.js";
import { inventoryEvent } from "./inventory-event.js";

/** A request to hold stock for an order. */
export interface ReserveRequest {
  readonly orderId: string;
  readonly brandId: string;
  /** Lines as requested; the same SKU on several lines is summed. */
  readonly lines: readonly StockQuantity[];
  readonly actor: string;
}

/**
 * Holds stock for an order, all lines or none, idempotent on the order id: the order id is
 * claimed first (a concurrent duplicate waits, then gets the existing reservation), the lines are
 * priced from the items, then each SKU's hold is one conditional update in SKU order. A short SKU
 * rolls everything back with FAILED_PRECONDITION and a StockShortage detail listing every short
 * SKU; an unknown SKU is NOT_FOUND. Runs in a transaction of its own.
 */
export async function reserveStock(ctx: InventoryContext, request: ReserveRequest): Promise<ReservationRow> {
  return ctx.db.transaction().execute((trx) => holdStock(trx, ctx, request));
}

/** The hold itself, in `trx` (see {@link reserveStock}). */
async function holdStock(
  trx: Kysely<InventoryDatabase>,
  ctx: InventoryContext,
  request: ReserveRequest,
): Promise<ReservationRow> {
  const wanted = sumStockLines(request.lines);
  const now = ctx.now();
  const claimed = await claimReservation(trx, {
    orderId: request.orderId,
    brandId: request.brandId,
    lines: wanted,
    expireAt: new Date(now.getTime() + ctx.reservationTtlMs),
    now,
  });
  if (!claimed) return existingReservation(trx, request);

  const priced = new Set(claimed.lines.map((line) => line.sku));
  const unknown = wanted.filter((line) => !priced.has(line.sku)).map((line) => line.sku);
  if (unknown.length > 0) throw notFound(`brand ${request.brandId} has no item ${unknown.join(" and no item ")}`);

  const reservationChanged = create(ReservationChangedSchema, { reservation: toReservation(claimed) });
  await applyStockChanges(
    trx,
    ctx,
    wanted.map((line) => ({
      brandId: request.brandId,
      sku: line.sku,
      deltaOnHand: 0,
      deltaReserved: line.quantity,
      reason: "reserve",
      reference: request.orderId,
      actor: request.actor,
      idempotencyKey: request.orderId,
    })),
    refuseShortages(trx, request.brandId, wanted),
    [
      inventoryEvent(ReservationChangedSchema, reservationChanged, {
        aggregateId: request.orderId,
        tenant: request.brandId,
      }),
    ],
  );
  return claimed;
}

/**
 * The reservation an earlier call made for the order (refused if it is another brand's), or the
 * tombstone of a release that came first (RELEASED, whatever the brand).
 */
async function existingReservation(trx: Kysely<InventoryDatabase>, request: ReserveRequest): Promise<ReservationRow> {
  const existing = await findReservation(trx, request.orderId);
  if (!existing) throw new Error(`reservation of order ${request.orderId} vanished after its claim conflicted`);
  if (existing.brand_id !== request.brandId && !isTombstone({ status: existing.status, brandId: existing.brand_id })) {
    throw failedPrecondition(`order ${request.orderId} already holds stock of brand ${existing.brand_id}`);
  }
  return existing;
}

/**
 * On the first short SKU, locks the levels of it and every SKU after it (in lock order) and reads
 * what is available: every SKU short at that moment is reported. Should stock have come back in
 * between, nothing is short any more and the hold goes on (the rows are now locked for us).
 */
function refuseShortages(
  trx: Kysely<InventoryDatabase>,
  brandId: string,
  wanted: readonly StockQuantity[],
): RefusalHandler {
  return async (_refused, remaining) => {
    const skus = new Set(remaining.map((change) => change.sku));
    const available = await lockAvailable(trx, brandId, [...skus]);
    const shortages = findShortages(
      wanted.filter((line) => skus.has(line.sku)),
      available,
    );
    if (shortages.length === 0) return;
    throw failedPrecondition(shortageMessage(shortages), [stockShortageDetail(shortages)]);
  };
}

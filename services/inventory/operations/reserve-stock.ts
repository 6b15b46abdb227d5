import { create } from "@bufbuild/protobuf";
import { ReservationChangedSchema } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Kysely, Transaction } from "kysely";
import { createGroupCommit, type GroupCommit } from "../../kit/database/index.js";
import { failedPrecondition, notFound } from "../../kit/errors/index.js";
import { currentTraceparent } from "../../kit/telemetry/linked-span.js";
import { findShortages, isTombstone, type StockQuantity, shortageMessage, sumStockLines } from "../domain/index.js";
import {
  findReservation,
  holdStockAtOnce,
  type InventoryDatabase,
  lockLevelSet,
  type ReservationRow,
  type StockHold,
  type StockHoldOutcome,
  writeStockRecords,
} from "../storage/index.js";
import { stockShortageDetail, toReservation, toStockLevel } from "../wire/index.js";
import type { InventoryContext, StockContext } from "./inventory-context.js";
import { type InventoryEvent, inventoryEvent } from "./inventory-event.js";
import { stockAlerts } from "./stock-alerts.js";

/** A request to hold stock for an order. */
export interface ReserveRequest {
  readonly orderId: string;
  readonly brandId: string;
  /** Lines as requested; the same SKU on several lines is summed. */
  readonly lines: readonly StockQuantity[];
  readonly actor: string;
}

/** Holds that share their transactions (see {@link createStockHolds}). */
export type StockHolds = GroupCommit<StockHold, StockHoldOutcome>;

/**
 * The group commit of ReserveStock: holds arriving while one transaction is in flight go in the
 * next one together (at most `maxBatch`), each all-or-nothing in a statement of its own, their
 * events written by one statement before the shared commit. Transactions run one at a time, so
 * two batches never wait on each other's rows.
 */
export function createStockHolds(ctx: StockContext, options: { readonly maxBatch: number }): StockHolds {
  return createGroupCommit({ db: ctx.db, maxBatch: options.maxBatch, run: (trx, batch) => holdAll(trx, ctx, batch) });
}

/**
 * Holds stock for an order, all lines or none, idempotent on the order id (a repeated or
 * concurrent call gets the reservation the first one made). A short SKU refuses the whole hold
 * with FAILED_PRECONDITION and a StockShortage detail listing every short SKU; an unknown SKU is
 * NOT_FOUND; another brand's order id is FAILED_PRECONDITION. Resolves once the hold is committed.
 */
export async function reserveStock(ctx: InventoryContext, request: ReserveRequest): Promise<ReservationRow> {
  try {
    return await holdOrRefuse(ctx, request);
  } catch (error) {
    if (error instanceof ExistingHold) return error.reservation;
    throw error;
  }
}

async function holdOrRefuse(ctx: InventoryContext, request: ReserveRequest): Promise<ReservationRow> {
  const wanted = sumStockLines(request.lines);
  const now = ctx.now();
  const outcome = await ctx.holds.submit({
    orderId: request.orderId,
    brandId: request.brandId,
    lines: wanted,
    actor: request.actor,
    expireAt: new Date(now.getTime() + ctx.reservationTtlMs),
    now,
    traceParent: currentTraceparent(),
    snapshotEvery: ctx.snapshotEvery,
  });
  switch (outcome.kind) {
    case "held":
      return outcome.reservation;
    case "taken":
      return existingReservation(ctx.db, request);
    case "unknown":
      await answerExistingHold(ctx.db, request);
      throw notFound(`brand ${request.brandId} has no item ${outcome.skus.join(" and no item ")}`);
    case "short": {
      await answerExistingHold(ctx.db, request);
      const shortages = findShortages(wanted, outcome.available);
      throw failedPrecondition(shortageMessage(shortages), [stockShortageDetail(shortages)]);
    }
  }
}

/**
 * A refusal is only final when the order id holds nothing: a concurrent call with the same order
 * id (a retry on another replica) may have held the stock and committed while this one waited on
 * the row locks, after this statement's snapshot was taken. Then that hold is the answer.
 */
async function answerExistingHold(db: Kysely<InventoryDatabase>, request: ReserveRequest): Promise<void> {
  const existing = await findReservation(db, request.orderId);
  if (existing) throw new ExistingHold(await existingReservation(db, request));
}

/** Carries the reservation a concurrent call made, out of a refusal that turned out not to be one. */
class ExistingHold {
  constructor(readonly reservation: ReservationRow) {}
}

/** A batch of holds in `trx`, one statement each, then every event in one statement. */
async function holdAll(
  trx: Transaction<InventoryDatabase>,
  ctx: StockContext,
  batch: readonly StockHold[],
): Promise<StockHoldOutcome[]> {
  const outcomes: StockHoldOutcome[] = [];
  const events: InventoryEvent[] = [];
  // Lock every level first, in its own statement and in the order every stock change uses: a
  // batch then never deadlocks with another transaction, and each hold's statement starts after
  // the locks are held, so its snapshot sees the levels as the last writer committed them.
  // (Left to the hold's own FOR UPDATE, a level that a concurrent transaction changed while the
  // hold waited is judged on its new values but updated from the old ones: an oversell.)
  await lockLevelSet(
    trx,
    batch.flatMap((hold) => hold.lines.map((line) => [hold.brandId, line.sku] as const)),
  );
  for (const hold of batch) {
    const outcome = await holdStockAtOnce(trx, hold);
    outcomes.push(outcome);
    if (outcome.kind === "held") events.push(...(await holdEvents(trx, outcome)));
  }
  if (events.length > 0) await writeStockRecords(trx, ctx.outbox, { ledger: [], snapshots: [], events });
  return outcomes;
}

/** ReservationChanged with the levels after the hold, and the alerts of levels crossing a threshold. */
async function holdEvents(
  trx: Kysely<InventoryDatabase>,
  held: Extract<StockHoldOutcome, { kind: "held" }>,
): Promise<InventoryEvent[]> {
  const events: InventoryEvent[] = [];
  const levels = held.levels.map((level) => ({ level, stock: toStockLevel(level, level.changed_at) }));
  const stock = levels.map((entry) => entry.stock);
  const payload = create(ReservationChangedSchema, {
    reservation: toReservation(held.reservation),
    stock,
    reason: LedgerReason.RESERVE,
  });
  events.push(
    inventoryEvent(ReservationChangedSchema, payload, {
      aggregateId: held.reservation.order_id,
      tenant: held.reservation.brand_id,
    }),
  );
  for (const entry of levels) events.push(...(await stockAlerts(trx, entry.level, entry.stock)));
  return events;
}

/**
 * The reservation an earlier call made for the order (refused if it is another brand's), or the
 * tombstone of a release that came first (RELEASED, whatever the brand).
 */
async function existingReservation(db: Kysely<InventoryDatabase>, request: ReserveRequest): Promise<ReservationRow> {
  const existing = await findReservation(db, request.orderId);
  if (!existing) throw new Error(`reservation of order ${request.orderId} vanished after its claim conflicted`);
  if (existing.brand_id !== request.brandId && !isTombstone({ status: existing.status, brandId: existing.brand_id })) {
    throw failedPrecondition(`order ${request.orderId} already holds stock of brand ${existing.brand_id}`);
  }
  return existing;
}

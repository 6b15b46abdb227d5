import { create } from "@bufbuild/protobuf";
import { ReservationChangedSchema } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import { LedgerReason, type StockLevel } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Kysely } from "kysely";
import { failedPrecondition, notFound } from "../../kit/errors/index.js";
import {
  planTransition,
  type ReservationAction,
  statusAfter,
  statusesAllowing,
  tombstoneBrand,
} from "../domain/index.js";
import {
  findReservation,
  type InventoryDatabase,
  insertTombstone,
  moveReservation,
  type ReservationRow,
} from "../storage/index.js";
import { toReservation } from "../wire/index.js";
import { applyStockChanges, type StockChange } from "./apply-stock-changes.js";
import type { StockContext } from "./inventory-context.js";
import { inventoryEvent } from "./inventory-event.js";

/** A request to confirm, release or commit an order's reservation. */
export interface ReservationChangeRequest {
  readonly orderId: string;
  readonly action: ReservationAction;
  readonly actor: string;
  /** Why (kept in the ledger entries' reference beside the order id). */
  readonly note?: string;
  /**
   * `strict` (RPCs): an unknown order is NOT_FOUND — except for a release, which leaves a RELEASED
   * tombstone so that a later ReserveStock of the order holds nothing — and a contradicting status
   * FAILED_PRECONDITION. `lenient` (events, which may arrive late or out of order): both are no-ops.
   */
  readonly mode: "strict" | "lenient";
}

/** The outcome of {@link changeReservation}. */
export interface ReservationChangeResult {
  /** The reservation after the call; `undefined` only in lenient mode when nothing changed. */
  readonly reservation: ReservationRow | undefined;
  readonly changed: boolean;
}

/**
 * Moves a reservation along its life cycle inside the caller's transaction, idempotently: the
 * status move is one conditional update (which also locks the reservation), then release gives
 * the held units back to available and commit takes them off hand, each SKU with a ledger entry
 * and StockChanged; every move emits ReservationChanged. Repeating a move changes nothing.
 *
 * Releasing (strictly) an order that holds nothing yet records it as released (a tombstone,
 * without event: no stock moved): a ReserveStock for it that was on its way — from a PlaceOrder
 * attempt frozen past its deadline — then holds nothing and answers RELEASED.
 */
export async function changeReservation(
  trx: Kysely<InventoryDatabase>,
  ctx: StockContext,
  request: ReservationChangeRequest,
): Promise<ReservationChangeResult> {
  const move = () =>
    moveReservation(trx, request.orderId, statusesAllowing(request.action), statusAfter[request.action], ctx.now());
  let moved = await move();
  if (!moved && request.mode === "strict" && request.action === "release") {
    const tombstone = await insertTombstone(trx, request.orderId, tombstoneBrand, ctx.now());
    if (tombstone) return { reservation: tombstone, changed: true };
    // A ReserveStock claimed the order meanwhile (and has committed): release what it holds.
    moved = await move();
  }
  if (moved) {
    await applyMove(trx, ctx, moved, request);
    return { reservation: moved, changed: true };
  }
  if (request.mode === "lenient") return { reservation: undefined, changed: false };
  const existing = await findReservation(trx, request.orderId);
  if (!existing) throw notFound(`no stock is held for order ${request.orderId}`);
  if (planTransition(existing.status, request.action) === "refused") {
    throw failedPrecondition(
      `the reservation of order ${request.orderId} is ${existing.status} and cannot be ${pastTense[request.action]}`,
    );
  }
  return { reservation: existing, changed: false };
}

const pastTense: Readonly<Record<ReservationAction, string>> = {
  confirm: "confirmed",
  release: "released",
  commit: "committed",
};

/**
 * The stock side of a move already recorded on `reservation`, plus its ReservationChanged; also
 * used by the expiry sweeper, which claims and moves holds itself.
 */
export async function applyMove(
  trx: Kysely<InventoryDatabase>,
  ctx: StockContext,
  reservation: ReservationRow,
  request: Pick<ReservationChangeRequest, "action" | "actor" | "note">,
): Promise<void> {
  const reference = request.note ? `${reservation.order_id} (${request.note})` : reservation.order_id;
  const reason = request.action;
  const changes: StockChange[] =
    reason === "confirm"
      ? []
      : reservation.lines.map((line) => ({
          brandId: reservation.brand_id,
          sku: line.sku,
          deltaOnHand: reason === "commit" ? -line.quantity : 0,
          deltaReserved: -line.quantity,
          reason,
          reference,
          actor: request.actor,
          idempotencyKey: "",
        }));
  const event = (stock: readonly StockLevel[]) =>
    inventoryEvent(
      ReservationChangedSchema,
      create(ReservationChangedSchema, {
        reservation: toReservation(reservation),
        stock: [...stock],
        reason: ledgerReason[reason],
      }),
      { aggregateId: reservation.order_id, tenant: reservation.brand_id },
    );
  if (changes.length === 0) {
    await ctx.outbox.append(trx, event([]));
    return;
  }
  const refused = async (change: StockChange) => {
    throw new Error(
      `${request.action} of order ${reservation.order_id} found fewer units of ${change.sku} held than its reservation`,
    );
  };
  await applyStockChanges(trx, ctx, changes, refused, (applied) => event(applied.map(({ stock }) => stock)));
}

/** The ledger reason a move announces (a confirmation moves no stock). */
const ledgerReason: Readonly<Record<ReservationAction, LedgerReason>> = {
  confirm: LedgerReason.UNSPECIFIED,
  release: LedgerReason.RELEASE,
  commit: LedgerReason.COMMIT,
};

import { type Kysely, sql } from "kysely";
import type { InventoryDatabase } from "./inventory-database.js";
import { lockReservation, type ReservationRow } from "./reservation-store.js";

/**
 * Records return keys of an order and returns those that were new: only their goods go back on
 * hand. A concurrent claim of the same key waits for the first transaction, then finds it taken.
 */
export async function claimReturnKeys(
  trx: Kysely<InventoryDatabase>,
  orderId: string,
  keys: readonly string[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await trx
    .insertInto("stock_returns")
    .values(keys.map((key) => ({ order_id: orderId, return_key: key })))
    .onConflict((oc) => oc.doNothing())
    .returning("return_key")
    .execute();
  return new Set(rows.map((row) => row.return_key));
}

/** An order's reservation, locked, and the units of each of its SKUs already back on hand. */
export interface OrderReturns {
  readonly reservation: ReservationRow;
  readonly returned: ReadonlyMap<string, number>;
}

/**
 * The storage step of every return: locks the order's reservation until the transaction ends
 * (before any level: the lock order of status moves), then sums what came back of it. The sum is
 * a statement of its own, after the lock, so it sees every return committed by whoever held the
 * lock before: concurrent returns of one order (by RPC or event) count one after the other.
 * `undefined` when the order has no reservation.
 */
export async function lockOrderReturns(
  trx: Kysely<InventoryDatabase>,
  orderId: string,
): Promise<OrderReturns | undefined> {
  const reservation = await lockReservation(trx, orderId);
  if (!reservation) return undefined;
  const returned = await sumReturnedUnits(trx, reservation.brand_id, reservation.order_id);
  return { reservation, returned };
}

/**
 * Units of each SKU already put back on hand for an order: the sum of the brand's `return` ledger
 * entries referencing it, whichever way they came (the reference is the order id, followed by
 * ` (<note>)` for returns by event and aborted deliveries).
 */
export async function sumReturnedUnits(
  db: Kysely<InventoryDatabase>,
  brandId: string,
  orderId: string,
): Promise<Map<string, number>> {
  const rows = await returnedUnitsQuery(db, brandId, orderId).execute();
  return new Map(rows.map((row) => [row.sku, Number(row.returned)]));
}

/**
 * The query of {@link sumReturnedUnits} (apart, so that a test can explain its plan). Its
 * conditions are those of the partial index `ledger_returns_by_order`, so it reads the order's
 * few return entries, not the whole ledger of the SKUs.
 */
export function returnedUnitsQuery(db: Kysely<InventoryDatabase>, brandId: string, orderId: string) {
  return (
    db
      .selectFrom("ledger")
      .select(["sku", sql<string>`sum(delta_on_hand)`.as("returned")])
      // A literal, not a parameter: a generic plan must see that it matches the index's condition.
      .where("reason", "=", sql.lit("return"))
      .where(sql<string>`split_part(reference, ' ', 1)`, "=", orderId)
      .where("brand_id", "=", brandId)
      .groupBy("sku")
  );
}

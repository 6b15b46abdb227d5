import { type Kysely, type Selectable, sql } from "kysely";
import type { ReservationStatusName, StockQuantity } from "../domain/index.js";
import type { InventoryDatabase, ReservationsTable } from "./inventory-database.js";
import { inventoryTable } from "./schema-table.js";

/** A stored reservation. */
export type ReservationRow = Selectable<ReservationsTable>;

/**
 * Claims an order id for a new HELD reservation, pricing its lines from the items as they are
 * now, in one statement. Returns `undefined` when the order already has a reservation; a
 * concurrent claim of the same order waits for the first transaction to end, so two calls never
 * both hold stock. Lines of unknown SKUs are left out (the caller compares).
 */
export async function claimReservation(
  trx: Kysely<InventoryDatabase>,
  claim: {
    readonly orderId: string;
    readonly brandId: string;
    readonly lines: readonly StockQuantity[];
    /** When the hold expires unless confirmed. */
    readonly expireAt: Date;
    readonly now: Date;
  },
): Promise<ReservationRow | undefined> {
  const skus = claim.lines.map((line) => line.sku);
  const quantities = claim.lines.map((line) => line.quantity);
  const result = await sql<ReservationRow>`
    insert into ${inventoryTable("reservations")} (order_id, brand_id, status, lines, expire_at, created_at, updated_at)
    select ${claim.orderId}, ${claim.brandId}, 'held',
           coalesce(jsonb_agg(jsonb_build_object(
             'sku', i.sku, 'name', i.name, 'quantity', w.quantity, 'currency_code', i.currency_code, 'unit_price_minor', i.unit_price_minor
           ) order by w.ord), '[]'::jsonb),
           ${claim.expireAt}::timestamptz, ${claim.now}::timestamptz, ${claim.now}::timestamptz
    from unnest(${skus}::text[], ${quantities}::bigint[]) with ordinality as w(sku, quantity, ord)
    join ${inventoryTable("items")} i on i.brand_id = ${claim.brandId} and i.sku = w.sku
    on conflict (order_id) do nothing
    returning *`.execute(trx);
  return result.rows[0];
}

/**
 * Records an order id that holds nothing as RELEASED with no lines (a tombstone, see
 * `tombstoneBrand`), unless it has a reservation: a concurrent ReserveStock that claimed it first
 * wins, and this returns `undefined` once that one has committed.
 */
export async function insertTombstone(
  trx: Kysely<InventoryDatabase>,
  orderId: string,
  brandId: string,
  now: Date,
): Promise<ReservationRow | undefined> {
  const result = await sql<ReservationRow>`
    insert into ${inventoryTable("reservations")} (order_id, brand_id, status, lines, expire_at, created_at, updated_at)
    values (${orderId}, ${brandId}, 'released', '[]'::jsonb, null, ${now}::timestamptz, ${now}::timestamptz)
    on conflict (order_id) do nothing
    returning *`.execute(trx);
  return result.rows[0];
}

/** Reads a reservation, or `undefined`. */
export async function findReservation(
  db: Kysely<InventoryDatabase>,
  orderId: string,
): Promise<ReservationRow | undefined> {
  return db.selectFrom("reservations").selectAll().where("order_id", "=", orderId).executeTakeFirst();
}

/**
 * Reads a reservation and locks it until the transaction ends (`FOR UPDATE`), or `undefined`.
 * Taken before any level, as a status move does, so it keeps the lock order.
 */
export async function lockReservation(
  trx: Kysely<InventoryDatabase>,
  orderId: string,
): Promise<ReservationRow | undefined> {
  return trx.selectFrom("reservations").selectAll().where("order_id", "=", orderId).forUpdate().executeTakeFirst();
}

/**
 * Moves a reservation to `to` if its status is one of `from`, in one conditional statement that
 * also locks it until the transaction ends (raw SQL: a hot path). Returns the reservation after
 * the move, or `undefined` when it does not exist or has another status.
 */
export async function moveReservation(
  trx: Kysely<InventoryDatabase>,
  orderId: string,
  from: readonly ReservationStatusName[],
  to: ReservationStatusName,
  now: Date,
): Promise<ReservationRow | undefined> {
  const result = await sql<ReservationRow>`
    update ${inventoryTable("reservations")}
    set status = ${to}, expire_at = null, updated_at = ${now}
    where order_id = ${orderId} and status = any(${[...from]}::text[])
    returning *`.execute(trx);
  return result.rows[0];
}

/**
 * Releases one HELD reservation past its expiry time, claimed with `FOR UPDATE SKIP LOCKED` so
 * that sweepers of several replicas each take a different one and none is released twice.
 * Returns it (now RELEASED), or `undefined` when none is due.
 */
export async function releaseOneExpired(
  trx: Kysely<InventoryDatabase>,
  now: Date,
): Promise<ReservationRow | undefined> {
  return trx
    .updateTable("reservations")
    .set({ status: "released", expire_at: null, updated_at: now })
    .where("status", "=", "held")
    .where("order_id", "=", (eb) =>
      eb
        .selectFrom("reservations")
        .select("order_id")
        .where("status", "=", "held")
        .where("expire_at", "<=", now)
        .orderBy("expire_at")
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .executeTakeFirst();
}

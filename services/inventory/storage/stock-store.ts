import { type Kysely, type Selectable, sql } from "kysely";
import type { InventoryDatabase, StockLevelsTable } from "./inventory-database.js";
import { inventoryTable } from "./schema-table.js";
import { stockTime } from "./stock-time.js";

/**
 * A stock level after a change, with the item's threshold and name for alert decisions and the
 * time of the change (millisecond precision, the ledger entry's time).
 */
export type ChangedLevel = Selectable<StockLevelsTable> & {
  readonly low_stock_threshold: number;
  readonly name: string;
  readonly changed_at: Date;
};

/**
 * Applies deltas to a level in one conditional statement and bumps its ledger sequence. Returns
 * `undefined` when the change would take available (or reserved) below zero or the item does not
 * exist. The row stays locked until the transaction ends, so the ledger entry written next takes
 * the sequence without a race; no lock is taken by a refused change. The change's time is `now`
 * (the service's clock, to the millisecond), or the level's previous time should `now` be earlier
 * (another replica's clock, or a transaction that waited for the lock), so time never decreases
 * along an item's ledger and as-of reads stay exact.
 *
 * Raw SQL on this hot path: the schema-scoped query builder costs several times more to compile
 * than the statement takes to run.
 */
export async function applyStockDelta(
  trx: Kysely<InventoryDatabase>,
  brandId: string,
  sku: string,
  deltaOnHand: number,
  deltaReserved: number,
  now: Date,
): Promise<ChangedLevel | undefined> {
  const result = await sql<ChangedLevel>`
    update ${inventoryTable("stock_levels")} s
    set on_hand = s.on_hand + ${deltaOnHand}, reserved = s.reserved + ${deltaReserved},
        ledger_sequence = s.ledger_sequence + 1,
        updated_at = greatest(date_trunc('milliseconds', s.updated_at), ${now}::timestamptz)
    from ${inventoryTable("items")} i
    where i.brand_id = s.brand_id and i.sku = s.sku and s.brand_id = ${brandId} and s.sku = ${sku}
      and s.on_hand + ${deltaOnHand} - (s.reserved + ${deltaReserved}) >= 0 and s.reserved + ${deltaReserved} >= 0
    returning s.brand_id, s.sku, s.on_hand, s.reserved, s.ledger_sequence, s.low_alerted, s.out_alerted, s.updated_at,
              i.low_stock_threshold, i.name, s.updated_at as changed_at`.execute(trx);
  return result.rows[0];
}

/** Stores the alert flags decided for a level. */
export async function setAlertFlags(
  trx: Kysely<InventoryDatabase>,
  brandId: string,
  sku: string,
  flags: { readonly lowAlerted: boolean; readonly outAlerted: boolean },
): Promise<void> {
  await trx
    .updateTable("stock_levels")
    .set({ low_alerted: flags.lowAlerted, out_alerted: flags.outAlerted })
    .where("brand_id", "=", brandId)
    .where("sku", "=", sku)
    .execute();
}

/**
 * Locks the levels of the given SKUs in SKU order (the order every change takes its locks in) and
 * returns their available units. Unknown SKUs are missing from the map.
 */
export async function lockAvailable(
  trx: Kysely<InventoryDatabase>,
  brandId: string,
  skus: readonly string[],
): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom("stock_levels")
    .select(["sku", sql<number>`on_hand - reserved`.as("available")])
    .where("brand_id", "=", brandId)
    .where("sku", "in", [...skus])
    .orderBy(sql`sku collate "C"`)
    .forUpdate()
    .execute();
  return new Map(rows.map((row) => [row.sku, row.available]));
}

/** A level with the time of its last ledger entry (see `ItemWithStock.stock_time`). */
export type TimedLevel = Selectable<StockLevelsTable> & { readonly stock_time: Date };

/** Current levels of a brand's items (all, or only the given SKUs), by SKU. */
export async function listLevels(
  db: Kysely<InventoryDatabase>,
  brandId: string,
  skus: readonly string[],
): Promise<TimedLevel[]> {
  let query = db
    .selectFrom("stock_levels as s")
    .selectAll("s")
    .select(stockTime().as("stock_time"))
    .where("s.brand_id", "=", brandId)
    .orderBy("s.sku");
  if (skus.length > 0) query = query.where("s.sku", "in", [...skus]);
  return query.execute();
}

/** A level with its item's threshold and name: what a low-stock decision reads. */
export type AlertableLevel = TimedLevel & { readonly low_stock_threshold: number; readonly name: string };

/**
 * Reads an item's level with its threshold and name and locks the level until the transaction
 * ends, so no stock change decides alerts on it meanwhile. `undefined` when the item does not exist.
 */
export async function lockAlertableLevel(
  trx: Kysely<InventoryDatabase>,
  brandId: string,
  sku: string,
): Promise<AlertableLevel | undefined> {
  return trx
    .selectFrom("stock_levels as s")
    .innerJoin("items as i", (join) => join.onRef("i.brand_id", "=", "s.brand_id").onRef("i.sku", "=", "s.sku"))
    .selectAll("s")
    .select(["i.low_stock_threshold", "i.name", stockTime().as("stock_time")])
    .where("s.brand_id", "=", brandId)
    .where("s.sku", "=", sku)
    .forUpdate("s")
    .executeTakeFirst();
}

/**
 * Locks the levels of the given (brand, SKU) pairs until the transaction ends, in the order every
 * stock change takes its locks in (brand, then SKU, byte order), so a transaction that changes
 * them in any order afterwards cannot deadlock with another. Unknown pairs are skipped.
 */
export async function lockLevelSet(
  trx: Kysely<InventoryDatabase>,
  keys: readonly (readonly [brandId: string, sku: string])[],
): Promise<void> {
  if (keys.length === 0) return;
  await sql`
    select 1 from ${inventoryTable("stock_levels")} s
    join unnest(${keys.map(([brand]) => brand)}::text[], ${keys.map(([, sku]) => sku)}::text[]) as k(brand_id, sku)
      on s.brand_id = k.brand_id and s.sku = k.sku
    order by s.brand_id collate "C", s.sku collate "C"
    for update of s`.execute(trx);
}

import { type Kysely, type Selectable, sql } from "kysely";
import type { InventoryDatabase, LedgerTable } from "./inventory-database.js";
import { inventoryTable } from "./schema-table.js";

/** A stored ledger entry. */
export type LedgerRow = Selectable<LedgerTable>;

/** Sums of an item's ledger entries over a range. */
export interface LedgerSums {
  readonly entries: number;
  readonly onHand: number;
  readonly reserved: number;
  /** Sequence of the last entry summed; 0 when none. */
  readonly lastSequence: number;
}

/** Reads up to `limit` entries of an item's ledger after a sequence, oldest first. */
export async function pageLedger(
  db: Kysely<InventoryDatabase>,
  brandId: string,
  sku: string,
  afterSequence: number,
  limit: number,
): Promise<LedgerRow[]> {
  return db
    .selectFrom("ledger")
    .selectAll()
    .where("brand_id", "=", brandId)
    .where("sku", "=", sku)
    .where("sequence", ">", afterSequence)
    .orderBy("sequence")
    .limit(limit)
    .execute();
}

/** Sums an item's entries after `afterSequence` written at or before `until`. */
export async function sumLedger(
  db: Kysely<InventoryDatabase>,
  brandId: string,
  sku: string,
  range: { readonly afterSequence: number; readonly until: Date },
): Promise<LedgerSums> {
  const row = await db
    .selectFrom("ledger")
    .select([
      sql<number>`count(*)`.as("entries"),
      sql<number>`coalesce(sum(delta_on_hand), 0)::bigint`.as("on_hand"),
      sql<number>`coalesce(sum(delta_reserved), 0)::bigint`.as("reserved"),
      sql<number>`coalesce(max(sequence), 0)`.as("last_sequence"),
    ])
    .where("brand_id", "=", brandId)
    .where("sku", "=", sku)
    .where("sequence", ">", range.afterSequence)
    .where("created_at", "<=", range.until)
    .executeTakeFirstOrThrow();
  return { entries: row.entries, onHand: row.on_hand, reserved: row.reserved, lastSequence: row.last_sequence };
}

/** A live level beside the level replayed from its whole ledger. */
export interface ReplayedLevel {
  readonly brand_id: string;
  readonly sku: string;
  readonly live_on_hand: number;
  readonly live_reserved: number;
  readonly live_sequence: number;
  readonly live_time: Date;
  readonly on_hand: number;
  readonly reserved: number;
  readonly sequence: number;
  readonly entries: number;
  readonly last_time: Date | null;
}

/** Replays the ledger of every item (of one brand, or all) into levels beside the live ones. */
export async function replayLevels(
  db: Kysely<InventoryDatabase>,
  brandId: string | undefined,
): Promise<ReplayedLevel[]> {
  const ledgerScope = brandId ? sql`where brand_id = ${brandId}` : sql``;
  const levelScope = brandId ? sql`where s.brand_id = ${brandId}` : sql``;
  const result = await sql<ReplayedLevel>`
    select s.brand_id, s.sku,
           s.on_hand as live_on_hand, s.reserved as live_reserved, s.ledger_sequence as live_sequence, s.updated_at as live_time,
           coalesce(r.on_hand, 0)::bigint as on_hand, coalesce(r.reserved, 0)::bigint as reserved,
           coalesce(r.sequence, 0)::bigint as sequence, coalesce(r.entries, 0)::bigint as entries, r.last_time
    from ${inventoryTable("stock_levels")} s
    left join (
      select brand_id, sku, sum(delta_on_hand) as on_hand, sum(delta_reserved) as reserved,
             max(sequence) as sequence, count(*) as entries, max(created_at) as last_time
      from ${inventoryTable("ledger")} ${ledgerScope}
      group by brand_id, sku
    ) r on r.brand_id = s.brand_id and r.sku = s.sku
    ${levelScope}
    order by s.brand_id, s.sku`.execute(db);
  return result.rows;
}

/** A snapshot beside the ledger replayed up to its sequence. */
export interface ReplayedSnapshot {
  readonly brand_id: string;
  readonly sku: string;
  readonly sequence: number;
  readonly snapshot_on_hand: number;
  readonly snapshot_reserved: number;
  readonly created_at: Date;
  readonly on_hand: number;
  readonly reserved: number;
}

/**
 * Checks every snapshot (of one brand, or all) against running sums of the ledger, in one pass
 * over the ledger. Returns how many were checked and those that differ.
 */
export async function replaySnapshots(
  db: Kysely<InventoryDatabase>,
  brandId: string | undefined,
): Promise<{ readonly checked: number; readonly differing: ReplayedSnapshot[] }> {
  const ledgerScope = brandId ? sql`where brand_id = ${brandId}` : sql``;
  const snapshotScope = brandId ? sql`where sn.brand_id = ${brandId}` : sql``;
  const result = await sql<ReplayedSnapshot & { readonly differs: boolean }>`
    with running as (
      select brand_id, sku, sequence,
             sum(delta_on_hand) over item_ledger as on_hand, sum(delta_reserved) over item_ledger as reserved
      from ${inventoryTable("ledger")} ${ledgerScope}
      window item_ledger as (partition by brand_id, sku order by sequence)
    )
    select sn.brand_id, sn.sku, sn.sequence, sn.on_hand as snapshot_on_hand, sn.reserved as snapshot_reserved, sn.created_at,
           coalesce(r.on_hand, 0)::bigint as on_hand, coalesce(r.reserved, 0)::bigint as reserved,
           (r.sequence is null or r.on_hand <> sn.on_hand or r.reserved <> sn.reserved) as differs
    from ${inventoryTable("stock_snapshots")} sn
    left join running r on r.brand_id = sn.brand_id and r.sku = sn.sku and r.sequence = sn.sequence
    ${snapshotScope}
    order by sn.brand_id, sn.sku, sn.sequence`.execute(db);
  return { checked: result.rows.length, differing: result.rows.filter((row) => row.differs) };
}

/** Replaces a live level by the replayed one. */
export async function overwriteLevel(
  trx: Kysely<InventoryDatabase>,
  level: {
    readonly brandId: string;
    readonly sku: string;
    readonly onHand: number;
    readonly reserved: number;
    readonly sequence: number;
    /** Time of the replayed level's last ledger entry. */
    readonly time: Date;
  },
): Promise<void> {
  await trx
    .updateTable("stock_levels")
    .set({ on_hand: level.onHand, reserved: level.reserved, ledger_sequence: level.sequence, updated_at: level.time })
    .where("brand_id", "=", level.brandId)
    .where("sku", "=", level.sku)
    .execute();
}

/** Locks the levels in scope in SKU order, so no change lands while a repair rewrites them. */
export async function lockLevels(trx: Kysely<InventoryDatabase>, brandId: string | undefined): Promise<void> {
  let query = trx
    .selectFrom("stock_levels")
    .select("sku")
    .orderBy("brand_id")
    .orderBy(sql`sku collate "C"`)
    .forUpdate();
  if (brandId) query = query.where("brand_id", "=", brandId);
  await query.execute();
}

import type { Kysely, Selectable } from "kysely";
import type { InventoryDatabase, StockSnapshotsTable } from "./inventory-database.js";

/** The latest snapshot of an item taken at or before `time`, or `undefined`. */
export async function latestSnapshotAt(
  db: Kysely<InventoryDatabase>,
  brandId: string,
  sku: string,
  time: Date,
): Promise<Selectable<StockSnapshotsTable> | undefined> {
  return db
    .selectFrom("stock_snapshots")
    .selectAll()
    .where("brand_id", "=", brandId)
    .where("sku", "=", sku)
    .where("created_at", "<=", time)
    .orderBy("sequence", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Rewrites a snapshot's values (a repair from the ledger). */
export async function updateSnapshot(
  trx: Kysely<InventoryDatabase>,
  key: { readonly brandId: string; readonly sku: string; readonly sequence: number },
  values: { readonly onHand: number; readonly reserved: number },
): Promise<void> {
  await trx
    .updateTable("stock_snapshots")
    .set({ on_hand: values.onHand, reserved: values.reserved })
    .where("brand_id", "=", key.brandId)
    .where("sku", "=", key.sku)
    .where("sequence", "=", key.sequence)
    .execute();
}

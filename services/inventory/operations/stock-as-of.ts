import type { StockLevel } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Kysely } from "kysely";
import { levelAsOf } from "../domain/index.js";
import { type InventoryDatabase, latestSnapshotAt, sumLedger } from "../storage/index.js";
import { toStockLevel } from "../wire/index.js";

/**
 * An item's level as it was at `time` (millisecond precision): the latest snapshot taken at or
 * before it plus the ledger entries written after that snapshot up to `time`. Two indexed reads
 * in one repeatable-read snapshot, however long the ledger. Before the item's first entry the
 * level is zero at sequence 0. Its `as_of_time` is `time`.
 */
export async function stockAsOf(
  db: Kysely<InventoryDatabase>,
  brandId: string,
  sku: string,
  time: Date,
): Promise<StockLevel> {
  const level = await db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      const snapshot = await latestSnapshotAt(trx, brandId, sku, time);
      const after = await sumLedger(trx, brandId, sku, { afterSequence: snapshot?.sequence ?? 0, until: time });
      return levelAsOf(
        snapshot ? { onHand: snapshot.on_hand, reserved: snapshot.reserved, sequence: snapshot.sequence } : undefined,
        after,
      );
    });
  return toStockLevel(
    { brand_id: brandId, sku, on_hand: level.onHand, reserved: level.reserved, ledger_sequence: level.sequence },
    time,
  );
}

import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type StockLevel, StockLevelSchema } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Kysely } from "kysely";
import { levelAsOf } from "../domain/level-as-of.js";
import type { InventoryDatabase } from "../storage/inventory-database.js";
import { sumLedger } from "../storage/ledger-store.js";
import { latestSnapshotAt } from "../storage/snapshot-store.js";

/**
 * An item's level as it was at `time` (millisecond precision): the latest snapshot taken at or
 * before it plus the ledger entries written after that snapshot up to `time`. Two indexed reads
 * in one repeatable-read snapshot, however long the ledger. Before the item's first entry the
 * level is zero at sequence 0.
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
  return create(StockLevelSchema, {
    brandId,
    sku,
    onHand: BigInt(level.onHand),
    reserved: BigInt(level.reserved),
    available: BigInt(level.onHand - level.reserved),
    ledgerSequence: BigInt(level.sequence),
    asOfTime: timestampFromDate(time),
  });
}

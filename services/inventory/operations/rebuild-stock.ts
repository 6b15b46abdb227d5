import { create } from "@bufbuild/protobuf";
import {
  type RebuildStockResponse,
  RebuildStockResponseSchema,
  type StockLevel,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Kysely } from "kysely";
import { levelsDiffer } from "../domain/index.js";
import {
  type InventoryDatabase,
  lockLevels,
  overwriteLevel,
  type ReplayedLevel,
  type ReplayedSnapshot,
  replayLevels,
  replaySnapshots,
  updateSnapshot,
} from "../storage/index.js";
import { toStockLevel } from "../wire/index.js";
import type { InventoryContext } from "./inventory-context.js";

/**
 * Replays the ledger of every item in scope into fresh levels and compares them with the live
 * levels; checks every snapshot against the ledger replayed up to its sequence. Without `repair`
 * it reads one repeatable-read snapshot, so concurrent traffic never shows as a difference. With
 * `repair` it first locks the levels in scope (stock changes wait), then overwrites each differing
 * level and snapshot with the replay. The report lists what differed before any repair.
 */
export async function rebuildStock(
  ctx: Pick<InventoryContext, "db">,
  request: { readonly brandId: string | undefined; readonly repair: boolean },
): Promise<RebuildStockResponse> {
  const run = async (trx: Kysely<InventoryDatabase>) => {
    if (request.repair) await lockLevels(trx, request.brandId);
    const levels = await replayLevels(trx, request.brandId);
    const snapshots = await replaySnapshots(trx, request.brandId);
    const differing = levels.filter((row) => levelsDiffer(livePoint(row), rebuiltPoint(row)));
    if (request.repair) {
      for (const row of differing) {
        await overwriteLevel(trx, {
          brandId: row.brand_id,
          sku: row.sku,
          onHand: row.on_hand,
          reserved: row.reserved,
          sequence: row.sequence,
          // Before any entry the level keeps its own time (that of the item's creation).
          time: row.last_time ?? row.live_time,
        });
      }
      for (const row of snapshots.differing) {
        await updateSnapshot(
          trx,
          { brandId: row.brand_id, sku: row.sku, sequence: row.sequence },
          { onHand: row.on_hand, reserved: row.reserved },
        );
      }
    }
    return create(RebuildStockResponseSchema, {
      itemsChecked: BigInt(levels.length),
      entriesReplayed: BigInt(levels.reduce((sum, row) => sum + row.entries, 0)),
      differences: differing.map((row) => ({
        live: level(row, livePoint(row), row.live_time),
        rebuilt: level(row, rebuiltPoint(row), row.last_time ?? row.live_time),
      })),
      snapshotsChecked: BigInt(snapshots.checked),
      snapshotDifferences: snapshots.differing.map((row) => ({
        live: level(
          row,
          { onHand: row.snapshot_on_hand, reserved: row.snapshot_reserved, sequence: row.sequence },
          row.created_at,
        ),
        rebuilt: level(row, { onHand: row.on_hand, reserved: row.reserved, sequence: row.sequence }, row.created_at),
      })),
    });
  };
  const transaction = ctx.db.transaction();
  return request.repair ? transaction.execute(run) : transaction.setIsolationLevel("repeatable read").execute(run);
}

function livePoint(row: ReplayedLevel) {
  return { onHand: row.live_on_hand, reserved: row.live_reserved, sequence: row.live_sequence };
}

function rebuiltPoint(row: ReplayedLevel) {
  return { onHand: row.on_hand, reserved: row.reserved, sequence: row.sequence };
}

function level(
  row: ReplayedLevel | ReplayedSnapshot,
  point: { readonly onHand: number; readonly reserved: number; readonly sequence: number },
  time: Date,
): StockLevel {
  return toStockLevel(
    {
      brand_id: row.brand_id,
      sku: row.sku,
      on_hand: point.onHand,
      reserved: point.reserved,
      ledger_sequence: point.sequence,
    },
    time,
  );
}

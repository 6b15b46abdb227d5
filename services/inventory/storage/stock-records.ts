import type { DescMessage } from "@bufbuild/protobuf";
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { EventInput, Outbox } from "../../kit/events/index.js";
import type { InventoryDatabase, LedgerTable, StockSnapshotsTable } from "./inventory-database.js";
import { inventoryTable } from "./schema-table.js";

/** Everything one batch of stock changes appends. */
export interface StockRecords {
  /** Ledger entries, with the time their level update took. */
  readonly ledger: readonly (Omit<LedgerTable, "created_at"> & { readonly created_at: Date })[];
  readonly snapshots: readonly StockSnapshotsTable[];
  /** The batch's events, for the outbox. */
  readonly events: readonly EventInput<DescMessage>[];
}

/**
 * Appends a batch's ledger entries, snapshots and events in one statement (data-modifying CTEs,
 * the events through the kit's {@link Outbox.insert}), so a multi-SKU change costs one round trip
 * after its level updates. The statement wakes the outbox relay on commit.
 */
export async function writeStockRecords(
  trx: Kysely<InventoryDatabase>,
  outbox: Outbox,
  records: StockRecords,
): Promise<void> {
  const parts: RawBuilder<unknown>[] = [];
  if (records.ledger.length > 0) {
    const rows = records.ledger.map(
      (e) =>
        sql`(${e.brand_id}, ${e.sku}, ${e.sequence}, ${e.delta_on_hand}, ${e.delta_reserved}, ${e.reason}, ${e.reference}, ${e.actor}, ${e.idempotency_key}, ${e.created_at})`,
    );
    parts.push(sql`ledger_rows as (
      insert into ${inventoryTable("ledger")}
        (brand_id, sku, sequence, delta_on_hand, delta_reserved, reason, reference, actor, idempotency_key, created_at)
      values ${sql.join(rows)})`);
  }
  if (records.snapshots.length > 0) {
    const rows = records.snapshots.map(
      (s) => sql`(${s.brand_id}, ${s.sku}, ${s.sequence}, ${s.on_hand}, ${s.reserved}, ${s.created_at})`,
    );
    parts.push(sql`snapshot_rows as (
      insert into ${inventoryTable("stock_snapshots")} (brand_id, sku, sequence, on_hand, reserved, created_at) values ${sql.join(rows)})`);
  }
  if (records.events.length > 0) parts.push(sql`outbox_rows as (${outbox.insert(records.events)})`);
  if (parts.length === 0) return;
  await sql`with ${sql.join(parts)} select ${outbox.notify}`.execute(trx);
}

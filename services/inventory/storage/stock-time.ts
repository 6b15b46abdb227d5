import { type RawBuilder, sql } from "kysely";
import { inventoryTable } from "./schema-table.js";

/**
 * The `as_of_time` of a current level (aliased `s`): the time of the last ledger entry applied to
 * it, read by primary key. Before the item's first entry it is the level's `updated_at`, which is
 * then its creation time.
 */
export function stockTime(): RawBuilder<Date> {
  return sql<Date>`coalesce((select l.created_at from ${inventoryTable("ledger")} l
    where l.brand_id = s.brand_id and l.sku = s.sku and l.sequence = s.ledger_sequence), s.updated_at)`;
}

import type { Queryable } from "./bench-database.js";
import { type CheckResult, checkOf } from "./check-result.js";

/**
 * Every stock level equals the replay of its ledger: `on_hand` and `reserved` are the sums of the
 * item's `delta_on_hand` and `delta_reserved`, and `ledger_sequence` its last entry (the rule
 * Inventory's RebuildStock checks). An item with entries and no level, or the reverse, differs too.
 */
export async function checkStockMatchesLedger(db: Queryable): Promise<CheckResult> {
  const { rows } = await db.query(
    `with replay as (
       select brand_id, sku, sum(delta_on_hand)::bigint as on_hand, sum(delta_reserved)::bigint as reserved,
              max(sequence)::bigint as sequence, count(*)::int as entries
       from inventory.ledger group by brand_id, sku),
     compared as (
       select coalesce(s.brand_id, r.brand_id) as brand_id, coalesce(s.sku, r.sku) as sku,
              s.on_hand, s.reserved, s.ledger_sequence, coalesce(r.on_hand, 0) as ledger_on_hand,
              coalesce(r.reserved, 0) as ledger_reserved, coalesce(r.sequence, 0) as ledger_last_sequence,
              coalesce(r.entries, 0) as entries
       from inventory.stock_levels s full join replay r on r.brand_id = s.brand_id and r.sku = s.sku)
     select *, (on_hand is distinct from ledger_on_hand or reserved is distinct from ledger_reserved
                or ledger_sequence is distinct from ledger_last_sequence) as differs
     from compared`,
  );
  const differing = rows.filter((row) => row.differs).map(({ differs: _, ...row }) => row);
  return checkOf(
    "stock-matches-ledger",
    "every stock level (on_hand, reserved, ledger_sequence) equals the replay of its ledger",
    differing,
    { levels: rows.length, entries: rows.reduce((sum, row) => sum + Number(row.entries), 0) },
  );
}

/** No item has a negative available (`on_hand - reserved`) or reserved quantity. */
export async function checkStockBounds(db: Queryable): Promise<CheckResult> {
  const { rows } = await db.query(
    `select brand_id, sku, on_hand, reserved, on_hand - reserved as available from inventory.stock_levels
     where on_hand - reserved < 0 or reserved < 0`,
  );
  const { rows: counted } = await db.query<{ levels: number }>(
    "select count(*)::int as levels from inventory.stock_levels",
  );
  return checkOf("stock-non-negative", "no stock level has available < 0 or reserved < 0", rows, {
    levels: counted[0]?.levels ?? 0,
  });
}

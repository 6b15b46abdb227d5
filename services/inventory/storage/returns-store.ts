import type { Kysely } from "kysely";
import type { InventoryDatabase } from "./inventory-database.js";

/**
 * Records return keys of an order and returns those that were new: only their goods go back on
 * hand. A concurrent claim of the same key waits for the first transaction, then finds it taken.
 */
export async function claimReturnKeys(
  trx: Kysely<InventoryDatabase>,
  orderId: string,
  keys: readonly string[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await trx
    .insertInto("stock_returns")
    .values(keys.map((key) => ({ order_id: orderId, return_key: key })))
    .onConflict((oc) => oc.doNothing())
    .returning("return_key")
    .execute();
  return new Set(rows.map((row) => row.return_key));
}

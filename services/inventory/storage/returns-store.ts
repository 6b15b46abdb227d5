import { type Kysely, sql } from "kysely";
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

/**
 * Units of each SKU already put back on hand for an order: the sum of the brand's `return` ledger
 * entries referencing it, whichever way they came (ReturnStock writes the bare order id; returns
 * by event and aborted deliveries write `<order id> (<note>)`).
 */
export async function sumReturnedUnits(
  db: Kysely<InventoryDatabase>,
  brandId: string,
  orderId: string,
  skus: readonly string[],
): Promise<Map<string, number>> {
  if (skus.length === 0) return new Map();
  const rows = await db
    .selectFrom("ledger")
    .select(["sku", sql<string>`sum(delta_on_hand)`.as("returned")])
    .where("brand_id", "=", brandId)
    .where("sku", "in", [...skus])
    .where("reason", "=", "return")
    .where((eb) =>
      eb.or([eb("reference", "=", orderId), eb(sql<boolean>`starts_with(reference, ${`${orderId} (`})`, "=", true)]),
    )
    .groupBy("sku")
    .execute();
  return new Map(rows.map((row) => [row.sku, Number(row.returned)]));
}

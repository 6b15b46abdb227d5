import type { Kysely } from "kysely";
import { notFound } from "../../kit/errors/index.js";
import { findItem, type InventoryDatabase, type ItemWithStock } from "../storage/index.js";

/** Reads an item with its level, or throws NOT_FOUND naming brand and SKU. */
export async function requireItem(db: Kysely<InventoryDatabase>, brandId: string, sku: string): Promise<ItemWithStock> {
  const row = await findItem(db, brandId, sku);
  if (!row) throw notFound(`brand ${brandId} has no item ${sku}`);
  return row;
}

import type { Kysely } from "kysely";
import { notFound } from "../../kit/errors/index.js";
import { type InventoryDatabase, lockAlertableLevel } from "../storage/index.js";
import { toStockLevel } from "../wire/index.js";
import type { InventoryEvent } from "./inventory-event.js";
import { stockAlerts } from "./stock-alerts.js";

/**
 * The low-stock alerts of an item whose threshold was just set or changed, as a stock change
 * would announce them (see {@link stockAlerts}): locks the level, so no concurrent stock change
 * decides on stale flags, stores the new flags and returns the StockLow and OutOfStock events to
 * append. The events carry the level as of its last ledger entry. NOT_FOUND for an unknown item.
 */
export async function announceLevelAlerts(
  trx: Kysely<InventoryDatabase>,
  brandId: string,
  sku: string,
): Promise<InventoryEvent[]> {
  const level = await lockAlertableLevel(trx, brandId, sku);
  if (!level) throw notFound(`brand ${brandId} has no item ${sku}`);
  return stockAlerts(trx, level, toStockLevel(level, level.stock_time));
}

import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type Item, ItemSchema } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { ItemWithStock } from "../storage/index.js";
import { toStockLevel } from "./stock-level.js";

/**
 * An item row joined with its level as an `Item` message. The level's `as_of_time` is the time of
 * its last ledger entry, not the item's update time: renaming an item does not change its stock.
 */
export function toItem(row: ItemWithStock): Item {
  return create(ItemSchema, {
    brandId: row.brand_id,
    sku: row.sku,
    name: row.name,
    unitPrice: { currencyCode: row.currency_code, minorUnits: BigInt(row.unit_price_minor) },
    lowStockThreshold: BigInt(row.low_stock_threshold),
    stock: toStockLevel(row, row.stock_time),
    createTime: timestampFromDate(row.created_at),
    updateTime: timestampFromDate(row.updated_at),
  });
}

import { SortDirection } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import { ItemSortField } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { ItemSort, ItemSortKey } from "../domain/index.js";

/** The sort key of each sort field (unspecified: brand, then SKU). */
const itemSortKeys: Readonly<Record<ItemSortField, ItemSortKey>> = {
  [ItemSortField.UNSPECIFIED]: "brand_sku",
  [ItemSortField.SKU]: "sku",
  [ItemSortField.NAME]: "name",
  [ItemSortField.AVAILABLE]: "available",
  [ItemSortField.CREATE_TIME]: "created",
};

/** The sort a ListItems request asks for (unspecified direction: ascending). */
export function itemSortOf(field: ItemSortField, direction: SortDirection): ItemSort {
  return { key: itemSortKeys[field] ?? "brand_sku", descending: direction === SortDirection.DESCENDING };
}

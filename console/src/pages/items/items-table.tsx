import type { Item, StockLevel } from "@waybill/sdk/inventory";
import type { ReactNode } from "react";
import { Badge, type Column, type SortState, Table } from "../../ui/index.js";
import { formatMoney } from "./money.js";
import { stockBadge, stockStatus } from "./stock-status.js";

/** The items of a page with their stock: the live level when the stream has sent one, else the listed one. */
export function ItemsTable({
  items,
  levels,
  showBrand,
  sort,
  onSort,
  skuCell,
}: {
  readonly items: readonly Item[];
  readonly levels: ReadonlyMap<string, StockLevel>;
  readonly showBrand: boolean;
  readonly sort: SortState | undefined;
  readonly onSort: (sort: SortState) => void;
  readonly skuCell: (item: Item) => ReactNode;
}) {
  const levelOf = (item: Item) => (showBrand ? item.stock : (levels.get(item.sku) ?? item.stock));
  const columns: Column<Item>[] = [
    ...(showBrand ? [{ key: "brand", header: "Brand", cell: (item: Item) => item.brandId }] : []),
    { key: "sku", header: "SKU", sortKey: "sku", cell: skuCell },
    { key: "name", header: "Name", sortKey: "name", cell: (item) => item.name },
    { key: "price", header: "Unit price", numeric: true, cell: (item) => formatMoney(item.unitPrice) },
    { key: "onHand", header: "On hand", numeric: true, cell: (item) => String(levelOf(item)?.onHand ?? 0n) },
    { key: "reserved", header: "Reserved", numeric: true, cell: (item) => String(levelOf(item)?.reserved ?? 0n) },
    {
      key: "available",
      header: "Available",
      sortKey: "available",
      numeric: true,
      cell: (item) => String(levelOf(item)?.available ?? 0n),
    },
    {
      key: "status",
      header: "Status",
      cell: (item) => {
        const badge = stockBadge(stockStatus(levelOf(item)?.available ?? 0n, item.lowStockThreshold));
        return <Badge tone={badge.tone}>{badge.label}</Badge>;
      },
    },
    { key: "created", header: "Created", sortKey: "created", cell: (item) => createdText(item) },
  ];
  return (
    <Table
      columns={columns}
      rows={items}
      rowKey={(item) => `${item.brandId}/${item.sku}`}
      sort={sort}
      onSort={onSort}
      caption="Items"
    />
  );
}

function createdText(item: Item): string {
  const seconds = item.createTime?.seconds;
  return seconds === undefined ? "" : new Date(Number(seconds) * 1000).toLocaleDateString();
}

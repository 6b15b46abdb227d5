import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { Order } from "@waybill/sdk/orders";
import { Link } from "react-router";
import { Badge, type Column, type SortState, Table } from "../../ui/index.js";
import { formatMoney } from "../items/money.js";
import { statusLabel, statusTone } from "./order-status.js";

/** The short form of an order id people recognise: its first eight characters. */
export function shortId(orderId: string): string {
  return orderId.slice(0, 8);
}

/** The page of an order; an operator's link keeps the brand picked. */
export function orderPath(order: Pick<Order, "orderId" | "brandId">, withBrand: boolean): string {
  return `/orders/${encodeURIComponent(order.orderId)}${withBrand ? `?brand=${encodeURIComponent(order.brandId)}` : ""}`;
}

/** A page of orders: id, status, customer, units, total, placed and changed times (sortable where ListOrders sorts). */
export function OrdersTable({
  orders,
  showBrand,
  linkWithBrand,
  sort,
  onSort,
}: {
  readonly orders: readonly Order[];
  readonly showBrand: boolean;
  readonly linkWithBrand: boolean;
  readonly sort: SortState | undefined;
  readonly onSort: (sort: SortState) => void;
}) {
  const when = (order: Order, field: "createTime" | "updateTime") => {
    const time = order[field];
    return time ? timestampDate(time).toLocaleString() : "—";
  };
  const columns: Column<Order>[] = [
    {
      key: "order",
      header: "Order",
      cell: (order) => (
        <Link className="mono" to={orderPath(order, linkWithBrand)}>
          {shortId(order.orderId)}
        </Link>
      ),
    },
    ...(showBrand ? [{ key: "brand", header: "Brand", cell: (order: Order) => order.brandId }] : []),
    {
      key: "status",
      header: "Status",
      cell: (order) => <Badge tone={statusTone(order.status)}>{statusLabel(order.status)}</Badge>,
    },
    { key: "customer", header: "Customer", cell: (order) => <span className="mono">{shortId(order.customerId)}</span> },
    { key: "zone", header: "Zone", cell: (order) => order.deliveryZone },
    { key: "units", header: "Units", numeric: true, cell: (order) => String(order.totalUnits) },
    { key: "total", header: "Total", numeric: true, sortKey: "total", cell: (order) => formatMoney(order.total) },
    { key: "created", header: "Placed", sortKey: "created", cell: (order) => when(order, "createTime") },
    { key: "updated", header: "Changed", sortKey: "updated", cell: (order) => when(order, "updateTime") },
  ];
  return (
    <Table
      columns={columns}
      rows={orders}
      rowKey={(order) => order.orderId}
      sort={sort}
      onSort={onSort}
      caption="Orders"
    />
  );
}

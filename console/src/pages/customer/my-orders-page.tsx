import { timestampDate } from "@bufbuild/protobuf/wkt";
import { skipToken, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { ListOrdersRequestSchema, type Order, OrderService } from "@waybill/sdk/orders";
import { Link } from "react-router";
import { describeError } from "../../forms/describe-error.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import {
  Badge,
  Card,
  type Column,
  EmptyState,
  ErrorBanner,
  PageHeader,
  Spinner,
  Table,
  TokenPager,
  usePageTokens,
} from "../../ui/index.js";
import { LiveIndicator } from "../items/live-indicator.js";
import { formatMoney } from "../items/money.js";
import { PlaceOrderLink } from "../orders/order-form/place-order-link.js";
import { statusLabel, statusTone } from "../orders/order-status.js";
import { shortId } from "../orders/orders-table.js";
import { useLiveCustomerOrders } from "./use-live-customer-orders.js";
import "./customer.css";

const pageSize = 10;

/** The page of one of the customer's own orders. */
export function myOrderPath(orderId: string): string {
  return `/my-orders/${encodeURIComponent(orderId)}`;
}

const columns: readonly Column<Order>[] = [
  {
    key: "order",
    header: "Order",
    cell: (order) => (
      <Link className="mono" to={myOrderPath(order.orderId)}>
        {shortId(order.orderId)}
      </Link>
    ),
  },
  { key: "brand", header: "From", cell: (order) => order.brandId },
  {
    key: "status",
    header: "Status",
    cell: (order) => <Badge tone={statusTone(order.status)}>{statusLabel(order.status)}</Badge>,
  },
  { key: "units", header: "Units", numeric: true, cell: (order) => String(order.totalUnits) },
  { key: "total", header: "Total", numeric: true, cell: (order) => formatMoney(order.total) },
  {
    key: "placed",
    header: "Placed",
    cell: (order) => (order.createTime ? timestampDate(order.createTime).toLocaleString() : "—"),
  },
];

/**
 * `/my-orders`: the signed-in customer's orders, newest first, page by page (ListOrders with their
 * own id, the token's subject), each status kept live by the customer's activity stream.
 */
export function MyOrdersPage() {
  const session = useSignedIn();
  const customerId = session.subject;
  const live = useLiveCustomerOrders(customerId);
  const paging = usePageTokens();
  const input = { customerId, page: { pageSize, pageToken: paging.token } };
  const checked = checkRequest(ListOrdersRequestSchema, input);
  const list = useQuery(OrderService.method.listOrders, checked.valid && customerId ? input : skipToken, {
    placeholderData: keepPreviousData,
  });
  const orders: readonly Order[] = list.data?.orders ?? [];

  return (
    <div className="customer-page">
      <PageHeader
        title="My orders"
        actions={
          <>
            <LiveIndicator state={live} />
            <PlaceOrderLink label="Place an order" />
          </>
        }
      />
      {(!checked.valid || !customerId) && (
        <ErrorBanner
          error={{
            title: "This sign-in names no customer",
            detail: "A customer's token carries their customer id (a UUID) as its subject.",
            violations: [],
          }}
        />
      )}
      <Card>
        {list.error && (
          <ErrorBanner error={describeError(list.error, { role: session.role, action: "list these orders" })} />
        )}
        {!checked.valid ? null : list.isPending ? (
          <Spinner label="Loading your orders…" />
        ) : orders.length === 0 ? (
          <EmptyState title="No orders yet">
            <Link to="/my-orders/new">Place your first order</Link>
          </EmptyState>
        ) : (
          <Table columns={columns} rows={orders} rowKey={(order) => order.orderId} caption="My orders" />
        )}
        <TokenPager paging={paging} page={list.data?.page} withTotal />
      </Card>
    </div>
  );
}

import { useQuery } from "@connectrpc/connect-query";
import { OrderService, type OrderStatus } from "@waybill/sdk/orders";
import { useState } from "react";
import { Link } from "react-router";
import { describeError } from "../../forms/describe-error.js";
import type { RoleName } from "../../session/session.js";
import { Button, ErrorBanner, Spinner } from "../../ui/index.js";
import { formatMoney } from "../items/money.js";
import { boardStatuses, statusLabel } from "./order-status.js";
import { orderPath, shortId } from "./orders-table.js";

const columnPageSize = 10;

/** What every column of the board lists by: the list page's brand and customer filters. */
export interface BoardFilter {
  readonly brandId: string;
  readonly customerId: string;
  readonly role: RoleName;
  readonly linkWithBrand: boolean;
}

/** The board: one column per status from placement to delivery, each its own ListOrders. */
export function OrdersBoard({ filter }: { readonly filter: BoardFilter }) {
  return (
    <div className="board" data-testid="orders-board">
      {boardStatuses.map((status) => (
        <BoardColumn key={status} status={status} filter={filter} />
      ))}
    </div>
  );
}

/** A column: its first page, and the next ones as "More" is pressed (each page its own query). */
function BoardColumn({ status, filter }: { readonly status: OrderStatus; readonly filter: BoardFilter }) {
  const [tokens, setTokens] = useState<readonly string[]>([""]);
  return (
    <section className="board-column" aria-label={statusLabel(status)} data-status={status}>
      <h3>{statusLabel(status)}</h3>
      {tokens.map((token, index) => (
        <BoardPage
          key={token}
          status={status}
          filter={filter}
          token={token}
          last={index === tokens.length - 1}
          onMore={(next) => setTokens((current) => [...current, next])}
        />
      ))}
    </section>
  );
}

function BoardPage({
  status,
  filter,
  token,
  last,
  onMore,
}: {
  readonly status: OrderStatus;
  readonly filter: BoardFilter;
  readonly token: string;
  readonly last: boolean;
  readonly onMore: (token: string) => void;
}) {
  const list = useQuery(OrderService.method.listOrders, {
    brandId: filter.brandId,
    customerId: filter.customerId,
    statuses: [status],
    page: { pageSize: columnPageSize, pageToken: token },
  });
  if (list.isPending) return <Spinner label="Loading…" />;
  if (list.error) {
    return <ErrorBanner error={describeError(list.error, { role: filter.role, action: "list these orders" })} />;
  }
  const orders = list.data.orders;
  const next = list.data.page?.nextPageToken;
  return (
    <>
      {token === "" && orders.length === 0 && <p className="muted">None</p>}
      {orders.map((order) => (
        <Link key={order.orderId} className="board-card" to={orderPath(order, filter.linkWithBrand)}>
          <span className="mono">{shortId(order.orderId)}</span>
          <span className="muted">
            {String(order.totalUnits)} units · {formatMoney(order.total)}
          </span>
        </Link>
      ))}
      {last && next && (
        <Button variant="ghost" onClick={() => onMore(next)}>
          More
        </Button>
      )}
    </>
  );
}

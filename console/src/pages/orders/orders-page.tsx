import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { skipToken, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { ListOrdersRequestSchema, type Order, OrderService, OrderSortField, SortDirection } from "@waybill/sdk/orders";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { describeError } from "../../forms/describe-error.js";
import { fieldErrorsOf } from "../../forms/field-errors.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import {
  Button,
  Card,
  EmptyState,
  ErrorBanner,
  PageHeader,
  type SortState,
  Spinner,
  TokenPager,
  usePageTokens,
} from "../../ui/index.js";
import { LiveIndicator } from "../items/live-indicator.js";
import { useBrand } from "../items/use-brand.js";
import { PlaceOrderLink } from "./order-form/place-order-link.js";
import { OrdersBoard } from "./orders-board.js";
import { noOrderFilters, type OrderFilters, OrdersFilters } from "./orders-filters.js";
import { OrdersTable } from "./orders-table.js";
import { useLiveOrders } from "./use-live-orders.js";

const pageSize = 20;
const sortFields: Readonly<Record<string, OrderSortField>> = {
  created: OrderSortField.CREATE_TIME,
  updated: OrderSortField.UPDATE_TIME,
  total: OrderSortField.TOTAL,
};
const fields = {
  customer_id: "customer",
  brand_id: "brand",
  statuses: "status",
  created_after: "from",
  created_before: "to",
};

/** A day picked in a date input (`2026-03-01`) as the start of that day in the browser's zone. */
function startOfDay(day: string): ReturnType<typeof timestampFromMs> | undefined {
  const ms = day ? new Date(`${day}T00:00`).getTime() : Number.NaN;
  return Number.isNaN(ms) ? undefined : timestampFromMs(ms);
}

/**
 * `/orders`: the orders of the brand (an operator picks one, or sees all) as a list (ListOrders:
 * status and customer filters, sort, page tokens, total) or as a board by status (`?view=board`).
 */
export function OrdersPage() {
  const session = useSignedIn();
  const brand = useBrand();
  const live = useLiveOrders(brand.brandId);
  const [params, setParams] = useSearchParams();
  const view = params.get("view") === "board" ? "board" : "list";
  const [filters, setFilters] = useState<OrderFilters>(noOrderFilters);
  const [sort, setSort] = useState<SortState>();
  const paging = usePageTokens();
  const restart = paging.restart;
  const input = {
    brandId: brand.brandId,
    customerId: filters.customerId.trim(),
    statuses: filters.status ? [filters.status] : [],
    createdAfter: startOfDay(filters.from),
    createdBefore: startOfDay(filters.to),
    page: { pageSize, pageToken: paging.token },
    sortField: sort ? sortFields[sort.key] : OrderSortField.UNSPECIFIED,
    sortDirection: sort
      ? sort.direction === "asc"
        ? SortDirection.ASCENDING
        : SortDirection.DESCENDING
      : SortDirection.UNSPECIFIED,
  };
  // Filters are checked with the contract's rules before asking: a bad customer id marks its field.
  // The board hides the status and day filters, so a range left wrong in the list cannot block it.
  const checked = checkRequest(
    ListOrdersRequestSchema,
    view === "board" ? { ...input, statuses: [], createdAfter: undefined, createdBefore: undefined } : input,
  );
  const errors = fieldErrorsOf(checked.valid ? [] : checked.violations, fields);
  const list = useQuery(OrderService.method.listOrders, checked.valid && view === "list" ? input : skipToken, {
    placeholderData: keepPreviousData,
  });
  const orders: readonly Order[] = list.data?.orders ?? [];
  const filtered = Boolean(filters.status || filters.customerId.trim() || filters.from || filters.to);
  const switchView = (next: "list" | "board") =>
    setParams((current) => {
      const updated = new URLSearchParams(current);
      if (next === "board") updated.set("view", "board");
      else updated.delete("view");
      return updated;
    });

  return (
    <>
      <PageHeader
        title="Orders"
        actions={
          <>
            <LiveIndicator state={live} />
            <PlaceOrderLink brandId={brand.brandId} />
            <fieldset className="segmented" aria-label="View">
              <Button
                variant={view === "list" ? "primary" : "ghost"}
                aria-pressed={view === "list"}
                onClick={() => switchView("list")}
              >
                List
              </Button>
              <Button
                variant={view === "board" ? "primary" : "ghost"}
                aria-pressed={view === "board"}
                onClick={() => switchView("board")}
              >
                Board
              </Button>
            </fieldset>
          </>
        }
      />
      <OrdersFilters
        filters={filters}
        errors={errors}
        brand={brand}
        board={view === "board"}
        onChange={(change) => {
          setFilters((current) => ({ ...current, ...change }));
          restart();
        }}
      />
      {view === "board" ? (
        checked.valid && (
          <OrdersBoard
            key={`${brand.brandId}\n${filters.customerId.trim()}`}
            filter={{
              brandId: brand.brandId,
              customerId: filters.customerId.trim(),
              role: session.role,
              linkWithBrand: brand.canPick,
            }}
          />
        )
      ) : (
        <Card>
          {list.error && (
            <ErrorBanner error={describeError(list.error, { role: session.role, action: "list these orders" })} />
          )}
          {!checked.valid ? null : list.isPending ? (
            <Spinner label="Loading orders…" />
          ) : orders.length === 0 ? (
            <EmptyState title={filtered ? "No order matches" : "No orders yet"} />
          ) : (
            <OrdersTable
              orders={orders}
              showBrand={brand.canPick && !brand.brandId}
              linkWithBrand={brand.canPick}
              sort={sort}
              onSort={(next) => {
                setSort(next);
                restart();
              }}
            />
          )}
          <TokenPager paging={paging} page={list.data?.page} withTotal />
        </Card>
      )}
    </>
  );
}

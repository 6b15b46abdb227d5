import { timestampDate } from "@bufbuild/protobuf/wkt";
import { SortDirection } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import { type ListOrdersRequest, OrderSortField } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Principal } from "../../kit/auth/index.js";
import { DomainError } from "../../kit/errors/index.js";
import { decodeCursor, encodeCursor, pageSize } from "../../kit/pagination/index.js";
import { scopeOrderList } from "../domain/index.js";
import { type OrderListQuery, type OrderRow, type OrderSortColumn, sortValueOf } from "../storage/index.js";
import { statusFromProto } from "./messages.js";

const sortColumns: Readonly<Record<OrderSortField, OrderSortColumn>> = {
  [OrderSortField.UNSPECIFIED]: "created_at",
  [OrderSortField.CREATE_TIME]: "created_at",
  [OrderSortField.UPDATE_TIME]: "updated_at",
  [OrderSortField.TOTAL]: "total_minor",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A ListOrders request as a storage query, and how to write the next page's token. */
export interface OrderListPlan {
  readonly query: OrderListQuery;
  readonly nextPageToken: (last: OrderRow) => string;
}

/**
 * Translates ListOrders into a query: tenancy first (another tenant is refused), then filters,
 * sort (creation time, newest first, by default) and the keyset position from the page token. The
 * token is bound to the filters and the sort, so it cannot be replayed against another query.
 */
export function planOrderList(principal: Principal, request: ListOrdersRequest): OrderListPlan {
  const tenancy = scopeOrderList(principal, { brandId: request.brandId, customerId: request.customerId });
  const sort = sortColumns[request.sortField] ?? "created_at";
  const descending = request.sortDirection !== SortDirection.ASCENDING;
  const statuses = [...new Set(request.statuses.map(statusFromProto))].sort();
  const createdAfter = request.createdAfter ? timestampDate(request.createdAfter) : undefined;
  const createdBefore = request.createdBefore ? timestampDate(request.createdBefore) : undefined;
  const scope = JSON.stringify([
    "orders",
    tenancy.brandId ?? "",
    tenancy.customerId ?? "",
    statuses,
    createdAfter?.getTime() ?? "",
    createdBefore?.getTime() ?? "",
    sort,
    descending,
  ]);
  const cursor = decodeCursor(request.page?.pageToken ?? "", ["v", "id"], scope);
  if (cursor && (!Number.isSafeInteger(Number(cursor.v)) || !UUID.test(cursor.id))) {
    throw new DomainError("invalid_argument", "page.page_token is not a token this list returned");
  }
  return {
    query: {
      ...tenancy,
      statuses,
      ...(createdAfter ? { createdAfter } : {}),
      ...(createdBefore ? { createdBefore } : {}),
      sort,
      descending,
      ...(cursor ? { after: { value: Number(cursor.v), orderId: cursor.id } } : {}),
      limit: pageSize(request.page?.pageSize),
    },
    nextPageToken: (last) => encodeCursor({ v: sortValueOf(last, sort), id: last.order_id }, scope),
  };
}

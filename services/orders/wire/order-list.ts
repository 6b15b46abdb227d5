import { SortDirection } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import { type ListOrdersRequest, OrderSortField } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { optionalDate, storedName } from "../../kit/wire/index.js";
import type { OrderListFilter, OrderListScope, OrderSortName } from "../domain/index.js";
import { statusFromProto } from "./order-status.js";

/** Each stored sort name and its contract field (UNSPECIFIED sorts by creation time). */
const sortFieldValues: Readonly<Record<OrderSortName, OrderSortField>> = {
  created_at: OrderSortField.CREATE_TIME,
  updated_at: OrderSortField.UPDATE_TIME,
  total_minor: OrderSortField.TOTAL,
};

/**
 * A ListOrders request, confined to `tenancy` (see `scopeOrderList`), as the list's filter: the
 * statuses once each and in a stable order (the page token is bound to them), the creation time
 * window, and the sort — creation time, newest first, unless the request says otherwise.
 */
export function orderListFromProto(request: ListOrdersRequest, tenancy: OrderListScope): OrderListFilter {
  const createdAfter = optionalDate(request.createdAfter);
  const createdBefore = optionalDate(request.createdBefore);
  return {
    ...tenancy,
    statuses: [...new Set(request.statuses.map(statusFromProto))].sort(),
    ...(createdAfter ? { createdAfter } : {}),
    ...(createdBefore ? { createdBefore } : {}),
    sort: storedName(sortFieldValues, request.sortField) ?? "created_at",
    descending: request.sortDirection !== SortDirection.ASCENDING,
  };
}

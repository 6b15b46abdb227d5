import type { OrderListScope } from "./order-access.js";
import type { OrderStatusName } from "./order-status.js";

/** What ListOrders sorts by, as stored: the name of the order's value (a time, or the total). */
export type OrderSortName = "created_at" | "updated_at" | "total_minor";

/**
 * What a list of orders is confined to and how it is ordered: the tenancy of
 * `scopeOrderList`, the wanted statuses (none: all), a creation time window and the sort (ties
 * are broken by order id).
 */
export interface OrderListFilter extends OrderListScope {
  readonly statuses: readonly OrderStatusName[];
  /** Created at or after. */
  readonly createdAfter?: Date;
  /** Created before. */
  readonly createdBefore?: Date;
  readonly sort: OrderSortName;
  readonly descending: boolean;
}

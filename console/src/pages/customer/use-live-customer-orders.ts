import { createConnectQueryKey } from "@connectrpc/connect-query";
import { FleetService } from "@waybill/sdk/fleet";
import { NotificationService } from "@waybill/sdk/notifications";
import { OrderService } from "@waybill/sdk/orders";
import { useMemo } from "react";
import { useCoalescedInvalidate } from "../../rpc/use-coalesced-invalidate.js";
import type { StreamState } from "../../rpc/use-server-stream.js";
import { useWatchOrderActivity } from "../../rpc/use-watch-order-activity.js";

/** The queries a customer's pages show: their orders, the deliveries, the activity. */
const customerQueries = [OrderService, FleetService, NotificationService].map((schema) =>
  createConnectQueryKey({ schema, cardinality: undefined }),
);

/**
 * Keeps a customer's pages current: each activity entry about one of their orders (or about
 * `orderId` alone) reads the Orders, Fleet and activity queries again, coalesced (see
 * `useCoalescedInvalidate`). No polling: the customer's WatchActivity drives it.
 */
export function useLiveCustomerOrders(customerId: string, orderId = ""): StreamState {
  const refresh = useCoalescedInvalidate(customerQueries);
  const owner = useMemo(() => ({ customerId }), [customerId]);
  return useWatchOrderActivity(owner, orderId, refresh);
}

import { createConnectQueryKey } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { FleetService } from "@waybill/sdk/fleet";
import { NotificationService } from "@waybill/sdk/notifications";
import { OrderService } from "@waybill/sdk/orders";
import { useEffect, useRef } from "react";
import type { StreamState } from "../../rpc/use-server-stream.js";
import { useWatchCustomerActivity } from "./use-watch-customer-activity.js";

/** At most one refresh this often, however fast the orders move. */
const refreshEveryMs = 500;

/**
 * Keeps a customer's pages current: each activity entry about one of their orders (or about
 * `orderId` alone) reads the Orders, Fleet and activity queries again, coalesced to one refresh
 * each half second. No polling: the customer's WatchActivity drives it.
 */
export function useLiveCustomerOrders(customerId: string, orderId = ""): StreamState {
  const queryClient = useQueryClient();
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  return useWatchCustomerActivity(customerId, orderId, () => {
    if (pending.current !== undefined) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      for (const schema of [OrderService, FleetService, NotificationService]) {
        void queryClient.invalidateQueries({ queryKey: createConnectQueryKey({ schema, cardinality: undefined }) });
      }
    }, refreshEveryMs);
  });
}

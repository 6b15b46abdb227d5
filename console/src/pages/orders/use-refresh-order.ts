import { createConnectQueryKey } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { FleetService } from "@waybill/sdk/fleet";
import { OrderService } from "@waybill/sdk/orders";
import { useCallback } from "react";
import { useCoalescedInvalidate } from "../../rpc/use-coalesced-invalidate.js";

/** Every Orders query (the order, its history, the lists) and the Fleet ones (its assignment). */
const orderQueries = [OrderService, FleetService].map((schema) =>
  createConnectQueryKey({ schema, cardinality: undefined }),
);

/** Reads an order again after a move made here: every Orders and Fleet query. */
export function useRefreshOrder(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all(orderQueries.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  }, [queryClient]);
}

/** The same for a stream's entries: coalesced, never cancelling a read under way (`useCoalescedInvalidate`). */
export function useLiveOrderRefresh(): () => void {
  return useCoalescedInvalidate(orderQueries);
}

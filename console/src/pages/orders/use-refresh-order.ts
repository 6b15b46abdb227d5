import { createConnectQueryKey } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { FleetService } from "@waybill/sdk/fleet";
import { OrderService } from "@waybill/sdk/orders";
import { useCallback } from "react";

/**
 * Reads an order again after it changed (a move made here, or an activity entry about it): every
 * Orders query (the order, its history, the lists) and the Fleet ones (its assignment).
 */
export function useRefreshOrder(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({
        queryKey: createConnectQueryKey({ schema: OrderService, cardinality: undefined }),
      }),
      queryClient.invalidateQueries({
        queryKey: createConnectQueryKey({ schema: FleetService, cardinality: undefined }),
      }),
    ]);
  }, [queryClient]);
}

import { createConnectQueryKey } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { FleetService } from "@waybill/sdk/fleet";
import { useCallback } from "react";

/**
 * Reads the courier and its assignments again: after each of the courier's own reports, when its
 * own WatchFleet stream says the courier changed (useWatchOwnCourier), and on the Refresh button
 * shown while that stream is down.
 */
export function useRefreshFleet(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      queryClient.invalidateQueries({
        queryKey: createConnectQueryKey({ schema: FleetService, cardinality: undefined }),
      }),
    [queryClient],
  );
}

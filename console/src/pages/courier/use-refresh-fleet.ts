import { createConnectQueryKey } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { FleetService } from "@waybill/sdk/fleet";
import { useCallback } from "react";

/**
 * Reads the courier and its assignments again. A courier may call neither WatchFleet nor
 * WatchActivity (docs/roles.md), so the page reads again after each of its own reports, when the
 * tab comes back into view, and on the Refresh button; there is no stream to follow.
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

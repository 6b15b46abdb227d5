import { createConnectQueryKey } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { NotificationService } from "@waybill/sdk/notifications";
import { useCallback, useEffect, useRef } from "react";
import type { StreamState } from "../../rpc/use-server-stream.js";
import { useActivityStream } from "../activity/use-activity-stream.js";

/** At most one re-read this often, however fast the brand's events come. */
const refreshEveryMs = 1_000;

/**
 * Keeps the deliveries list current without polling for new ones: Notifications records an
 * event's webhook deliveries in the same transaction as its activity entry, so each entry of the
 * brand's feed (WatchActivity) reads the deliveries again, coalesced to one read a second. Events
 * that make no feed line show at the next one (or a reload); a delivery's own retries are
 * followed by the list while it is unsettled (see `unsettledRefreshMs`).
 */
export function useLiveDeliveries(brandId: string): StreamState {
  const queryClient = useQueryClient();
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  const onEntry = useCallback(() => {
    if (pending.current !== undefined) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      void queryClient.invalidateQueries({
        queryKey: createConnectQueryKey({
          schema: NotificationService.method.listNotifications,
          cardinality: undefined,
        }),
      });
    }, refreshEveryMs);
  }, [queryClient]);
  return useActivityStream({ brandId, customerId: "", orderId: "" }, 0n, onEntry);
}

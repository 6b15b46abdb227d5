import { createConnectQueryKey } from "@connectrpc/connect-query";
import { NotificationService } from "@waybill/sdk/notifications";
import { useMemo } from "react";
import { latestEntryOnly, useActivityStream } from "../../rpc/use-activity-stream.js";
import { useCoalescedInvalidate } from "../../rpc/use-coalesced-invalidate.js";
import type { StreamState } from "../../rpc/use-server-stream.js";

const deliveryQueries = [
  createConnectQueryKey({ schema: NotificationService.method.listNotifications, cardinality: undefined }),
];

/**
 * Keeps the deliveries list current without polling for new ones: Notifications records an
 * event's webhook deliveries in the same transaction as its activity entry, so each entry of the
 * brand's feed (WatchActivity) reads the deliveries again, coalesced (`useCoalescedInvalidate`).
 * Events that make no feed line show at the next one (or a reload); a delivery's own retries are
 * followed by the list while it is unsettled (see `unsettledRefreshMs`).
 */
export function useLiveDeliveries(brandId: string): StreamState {
  const refresh = useCoalescedInvalidate(deliveryQueries);
  const scope = useMemo(() => ({ brandId, customerId: "", orderId: "" }), [brandId]);
  return useActivityStream(scope, latestEntryOnly, refresh);
}

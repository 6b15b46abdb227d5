import type { ActivityEntry } from "@waybill/sdk/notifications";
import { useCallback } from "react";
import { type ActivityScope, latestEntryOnly, useActivityStream } from "../../rpc/use-activity-stream.js";
import type { StreamState } from "../../rpc/use-server-stream.js";

/** Every brand's activity (an operator's feed). */
const everyBrand: ActivityScope = { brandId: "", customerId: "", orderId: "" };

/** Whether an entry moves an order's delivery: Fleet's events, and Orders' cancellations. */
export function movesDelivery(entry: ActivityEntry): boolean {
  return entry.eventType.startsWith("waybill.fleet.") || entry.eventType === "waybill.orders.v1.OrderCancelled";
}

/**
 * Follows the platform's activity (WatchActivity of every brand, for an operator) and calls
 * `onChange` for each entry about an order's delivery (a queued order cancelled leaves the queue
 * without moving a courier, so WatchFleet does not tell). A reconnection resumes after the last
 * sequence seen (`useActivityStream`).
 */
export function useFleetActivity(onChange: () => void): StreamState {
  const onEntry = useCallback(
    (entry: ActivityEntry) => {
      if (movesDelivery(entry)) onChange();
    },
    [onChange],
  );
  return useActivityStream(everyBrand, latestEntryOnly, onEntry);
}

import type { ActivityEntry } from "@waybill/sdk/notifications";
import { useCallback, useMemo } from "react";
import { latestEntryOnly, useActivityStream } from "./use-activity-stream.js";
import type { StreamState } from "./use-server-stream.js";

/** Whose orders to follow: a brand's (brand and operator callers) or a customer's (their own). */
export type OrderOwner = { readonly brandId: string } | { readonly customerId: string };

/**
 * Follows the activity of one order (`orderId`), or of all the owner's orders when `orderId` is
 * empty, and calls `onEntry` for each entry about an order (that one). A reconnection resumes
 * after the last sequence seen, so no change is missed; the first connection asks for the latest
 * entry only, which tells the page the stream is open. An empty owner id (still loading, or an
 * operator who picked no brand) watches nothing.
 */
export function useWatchOrderActivity(
  owner: OrderOwner,
  orderId: string,
  onEntry: (entry: ActivityEntry) => void,
): StreamState {
  const brandId = "brandId" in owner ? owner.brandId : "";
  const customerId = "customerId" in owner ? owner.customerId : "";
  const scope = useMemo(
    () => (brandId || customerId ? { brandId, customerId, orderId } : undefined),
    [brandId, customerId, orderId],
  );
  const onAny = useCallback(
    (entry: ActivityEntry) => {
      // The server filters by order already; the check keeps a wider feed from refreshing this page.
      if (orderId ? entry.orderId === orderId : entry.orderId !== "") onEntry(entry);
    },
    [orderId, onEntry],
  );
  return useActivityStream(scope, latestEntryOnly, onAny);
}

import { useEffect, useRef } from "react";
import type { StreamState } from "../../rpc/use-server-stream.js";
import { useWatchOrderActivity } from "../../rpc/use-watch-order-activity.js";
import { useRefreshOrder } from "./use-refresh-order.js";

/** At most one refresh this often, however fast the brand's orders move (the simulator: several a second). */
const refreshEveryMs = 1_000;

/**
 * Keeps a brand's order list and board current: each activity entry about one of its orders
 * (WatchActivity for the brand) reads the Orders queries again, coalesced to one refresh a
 * second. An operator who picked no brand gets no stream (the feed is per brand).
 */
export function useLiveOrders(brandId: string): StreamState | undefined {
  const refresh = useRefreshOrder();
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  const live = useWatchOrderActivity(brandId, "", () => {
    if (pending.current !== undefined) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      void refresh();
    }, refreshEveryMs);
  });
  return brandId ? live : undefined;
}

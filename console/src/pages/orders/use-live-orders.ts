import type { StreamState } from "../../rpc/use-server-stream.js";
import { useWatchOrderActivity } from "../../rpc/use-watch-order-activity.js";
import { useLiveOrderRefresh } from "./use-refresh-order.js";

/**
 * Keeps a brand's order list and board current: each activity entry about one of its orders
 * (WatchActivity for the brand) reads the Orders queries again, coalesced (the simulator moves
 * several orders a second). An operator who picked no brand gets no stream (the feed is per brand).
 */
export function useLiveOrders(brandId: string): StreamState | undefined {
  const refresh = useLiveOrderRefresh();
  const live = useWatchOrderActivity({ brandId }, "", refresh);
  return brandId ? live : undefined;
}

import type { ServiceImpl } from "@connectrpc/connect";
import type { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { StockFeed } from "../events/stock-feed.js";
import type { InventoryContext } from "../operations/inventory-context.js";
import { createItemHandlers } from "./item-handlers.js";
import { createReservationHandlers } from "./reservation-handlers.js";
import { createStockHandlers } from "./stock-handlers.js";
import { createWatchHandler } from "./watch-handler.js";

/** What the inventory handlers need. */
export interface InventoryHandlerDeps {
  readonly ctx: InventoryContext;
  readonly feed: StockFeed;
  /** Aborted at shutdown: WatchStock streams end on it. */
  readonly shutdownSignal: AbortSignal;
}

/**
 * The `InventoryService` RPCs: translate requests into storage, domain and operation calls and
 * results back into messages. Tenancy is checked here; roles were checked by the auth interceptor.
 */
export function createInventoryHandlers({
  ctx,
  feed,
  shutdownSignal,
}: InventoryHandlerDeps): Partial<ServiceImpl<typeof InventoryService>> {
  return {
    ...createItemHandlers(ctx),
    ...createStockHandlers(ctx),
    ...createReservationHandlers(ctx),
    ...createWatchHandler(ctx, feed, shutdownSignal),
  };
}

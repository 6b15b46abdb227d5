import type { ServiceImpl } from "@connectrpc/connect";
import type { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { InventoryContext } from "../operations/index.js";
import { createItemHandlers } from "./item-handlers.js";
import { createReservationHandlers } from "./reservation-handlers.js";
import { createStockHandlers } from "./stock-handlers.js";
import { createWatchHandler } from "./watch-handler.js";

/**
 * The `InventoryService` RPCs: check the caller's tenancy, map requests to operations and their
 * results to messages. Roles were checked by the auth interceptor.
 */
export function createInventoryHandlers(ctx: InventoryContext): Partial<ServiceImpl<typeof InventoryService>> {
  return {
    ...createItemHandlers(ctx),
    ...createStockHandlers(ctx),
    ...createReservationHandlers(ctx),
    ...createWatchHandler(ctx),
  };
}

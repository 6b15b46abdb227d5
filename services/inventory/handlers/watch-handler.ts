import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  type InventoryService,
  WatchStockResponseSchema,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { assertBrandAccess, requirePrincipal } from "../../kit/auth/index.js";
import { type InventoryContext, watchStock } from "../operations/index.js";

/**
 * WatchStock: the brand's current levels, then every change (see `watchStock`). Ends when the
 * client goes away or the server shuts down.
 */
export function createWatchHandler(ctx: InventoryContext): Pick<ServiceImpl<typeof InventoryService>, "watchStock"> {
  return {
    async *watchStock(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      const levels = watchStock(ctx, { brandId: request.brandId, skus: request.skus, signal: context.signal });
      for await (const stock of levels) yield create(WatchStockResponseSchema, { stock });
    },
  };
}

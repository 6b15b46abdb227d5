import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  GetItemResponseSchema,
  type InventoryService,
  ListItemsResponseSchema,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { assertBrandAccess, requirePrincipal, scopeBrand } from "../../kit/auth/index.js";
import { createItem, getItem, type InventoryContext, listItems, updateItem } from "../operations/index.js";
import { itemSortOf, toItem } from "../wire/index.js";

/** CreateItem, UpdateItem, GetItem and ListItems. Tenancy is checked here, roles by the interceptor. */
export function createItemHandlers(
  ctx: InventoryContext,
): Pick<ServiceImpl<typeof InventoryService>, "createItem" | "updateItem" | "getItem" | "listItems"> {
  return {
    async createItem(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      return createItem(ctx, request);
    },

    async updateItem(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      return updateItem(ctx, request);
    },

    async getItem(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      const item = await getItem(ctx, { brandId: request.brandId, sku: request.sku });
      return create(GetItemResponseSchema, { item: toItem(item) });
    },

    async listItems(request, context) {
      const brandId = scopeBrand(requirePrincipal(context), request.brandId);
      const page = await listItems(ctx, {
        brandId,
        query: request.query,
        lowStockOnly: request.lowStockOnly,
        sort: itemSortOf(request.sortField, request.sortDirection),
        page: request.page,
      });
      return create(ListItemsResponseSchema, {
        items: page.rows.map(toItem),
        page: { nextPageToken: page.nextPageToken },
      });
    },
  };
}

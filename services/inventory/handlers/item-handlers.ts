import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import { SortDirection } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import { ItemCreatedSchema, ItemUpdatedSchema } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import {
  CreateItemRequestSchema,
  CreateItemResponseSchema,
  GetItemResponseSchema,
  type InventoryService,
  ItemSortField,
  ListItemsResponseSchema,
  UpdateItemRequestSchema,
  UpdateItemResponseSchema,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { assertBrandAccess, requirePrincipal, scopeBrand } from "../../kit/auth/index.js";
import { alreadyExists } from "../../kit/errors/index.js";
import { runIdempotent } from "../../kit/idempotency/index.js";
import { pageSize } from "../../kit/pagination/index.js";
import { type ItemSortKey, itemListScope } from "../domain/item-sort.js";
import { planItemUpdate } from "../domain/item-update.js";
import type { InventoryContext } from "../operations/inventory-context.js";
import { inventoryEvent } from "../storage/event-outbox.js";
import { insertItem, listItems, updateItem } from "../storage/items-store.js";
import { decodeItemCursor, encodeItemCursor } from "./item-cursor.js";
import { toItem } from "./messages.js";
import { requireItem } from "./require-item.js";

const sortKeys: Readonly<Record<ItemSortField, ItemSortKey>> = {
  [ItemSortField.UNSPECIFIED]: "brand_sku",
  [ItemSortField.SKU]: "sku",
  [ItemSortField.NAME]: "name",
  [ItemSortField.AVAILABLE]: "available",
  [ItemSortField.CREATE_TIME]: "created",
};

/** CreateItem, UpdateItem, GetItem and ListItems. Tenancy is checked here, roles by the interceptor. */
export function createItemHandlers(
  ctx: InventoryContext,
): Pick<ServiceImpl<typeof InventoryService>, "createItem" | "updateItem" | "getItem" | "listItems"> {
  const { db } = ctx;
  return {
    async createItem(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      const scope = `CreateItem/${request.brandId}`;
      return db.transaction().execute((trx) =>
        runIdempotent(
          trx,
          { scope, key: request.idempotencyKey, requestSchema: CreateItemRequestSchema, request },
          CreateItemResponseSchema,
          async () => {
            const price = request.unitPrice!;
            const created = await insertItem(trx, {
              brand_id: request.brandId,
              sku: request.sku,
              name: request.name,
              currency_code: price.currencyCode,
              unit_price_minor: Number(price.minorUnits),
              low_stock_threshold: Number(request.lowStockThreshold),
            });
            if (!created) throw alreadyExists(`brand ${request.brandId} already has an item ${request.sku}`);
            const payload = create(ItemCreatedSchema, {
              brandId: request.brandId,
              sku: request.sku,
              name: request.name,
              unitPrice: price,
              lowStockThreshold: request.lowStockThreshold,
            });
            await ctx.events.append(trx, [
              inventoryEvent(ItemCreatedSchema, payload, {
                aggregateId: `${request.brandId}/${request.sku}`,
                tenant: request.brandId,
              }),
            ]);
            return create(CreateItemResponseSchema, {
              item: toItem(await requireItem(trx, request.brandId, request.sku)),
            });
          },
        ),
      );
    },

    async updateItem(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      const plan = planItemUpdate({
        paths: request.updateMask?.paths ?? [],
        name: request.name,
        unitPrice: request.unitPrice
          ? { currencyCode: request.unitPrice.currencyCode, minorUnits: Number(request.unitPrice.minorUnits) }
          : undefined,
        lowStockThreshold: Number(request.lowStockThreshold),
      });
      const scope = `UpdateItem/${request.brandId}`;
      return db.transaction().execute((trx) =>
        runIdempotent(
          trx,
          { scope, key: request.idempotencyKey, requestSchema: UpdateItemRequestSchema, request },
          UpdateItemResponseSchema,
          async () => {
            await updateItem(trx, request.brandId, request.sku, plan.changes);
            const item = toItem(await requireItem(trx, request.brandId, request.sku));
            const payload = create(ItemUpdatedSchema, {
              item: { ...item, stock: undefined },
              changedFields: [...plan.changedFields],
            });
            await ctx.events.append(trx, [
              inventoryEvent(ItemUpdatedSchema, payload, {
                aggregateId: `${request.brandId}/${request.sku}`,
                tenant: request.brandId,
              }),
            ]);
            return create(UpdateItemResponseSchema, { item });
          },
        ),
      );
    },

    async getItem(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      return create(GetItemResponseSchema, { item: toItem(await requireItem(db, request.brandId, request.sku)) });
    },

    async listItems(request, context) {
      const brandId = scopeBrand(requirePrincipal(context), request.brandId);
      const sort = {
        key: sortKeys[request.sortField] ?? "brand_sku",
        descending: request.sortDirection === SortDirection.DESCENDING,
      };
      const scope = itemListScope({ brandId, query: request.query, lowStockOnly: request.lowStockOnly }, sort);
      const limit = pageSize(request.page?.pageSize);
      const after = decodeItemCursor(request.page?.pageToken ?? "", sort, scope);
      const rows = await listItems(db, {
        ...(brandId ? { brandId } : {}),
        query: request.query,
        lowStockOnly: request.lowStockOnly,
        sort,
        ...(after ? { after } : {}),
        limit,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return create(ListItemsResponseSchema, {
        items: page.map(toItem),
        page: { nextPageToken: rows.length > limit && last ? encodeItemCursor(last, sort, scope) : "" },
      });
    },
  };
}

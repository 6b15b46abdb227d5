import { create } from "@bufbuild/protobuf";
import { ItemCreatedSchema } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import {
  type CreateItemRequest,
  CreateItemRequestSchema,
  type CreateItemResponse,
  CreateItemResponseSchema,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { alreadyExists, DomainError } from "../../kit/errors/index.js";
import { idempotentTransaction } from "../../kit/idempotency/index.js";
import { insertItem } from "../storage/index.js";
import { toItem } from "../wire/index.js";
import type { InventoryContext } from "./inventory-context.js";
import { inventoryEvent, itemTarget } from "./inventory-event.js";
import { announceLevelAlerts } from "./level-alerts.js";
import { requireItem } from "./require-item.js";

/**
 * CreateItem: adds an item to a brand's catalogue with a zero stock level, once per idempotency
 * key of the brand (a retry replays the first answer; another key for an existing SKU is
 * ALREADY_EXISTS). Emits ItemCreated and, as the level starts at or below any threshold, the
 * low-stock alerts (`decideAlerts`) in the same transaction.
 */
export async function createItem(ctx: InventoryContext, request: CreateItemRequest): Promise<CreateItemResponse> {
  const price = request.unitPrice;
  if (!price) throw new DomainError("invalid_argument", "unit_price is required");
  const { brandId, sku } = request;
  const scope = `CreateItem/${brandId}`;
  return idempotentTransaction(
    ctx.db,
    { scope, key: request.idempotencyKey, requestSchema: CreateItemRequestSchema, request },
    CreateItemResponseSchema,
    async (trx) => {
      const created = await insertItem(
        trx,
        {
          brand_id: brandId,
          sku,
          name: request.name,
          currency_code: price.currencyCode,
          unit_price_minor: Number(price.minorUnits),
          low_stock_threshold: Number(request.lowStockThreshold),
        },
        ctx.now(),
      );
      if (!created) throw alreadyExists(`brand ${brandId} already has an item ${sku}`);
      const payload = create(ItemCreatedSchema, {
        brandId,
        sku,
        name: request.name,
        unitPrice: price,
        lowStockThreshold: request.lowStockThreshold,
      });
      const alerts = await announceLevelAlerts(trx, brandId, sku);
      await ctx.outbox.append(trx, inventoryEvent(ItemCreatedSchema, payload, itemTarget(brandId, sku)), ...alerts);
      return create(CreateItemResponseSchema, { item: toItem(await requireItem(trx, brandId, sku)) });
    },
  );
}

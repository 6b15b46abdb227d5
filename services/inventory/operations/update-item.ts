import { create } from "@bufbuild/protobuf";
import { ItemUpdatedSchema } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import {
  type UpdateItemRequest,
  UpdateItemRequestSchema,
  type UpdateItemResponse,
  UpdateItemResponseSchema,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { idempotentTransaction } from "../../kit/idempotency/index.js";
import { planItemUpdate } from "../domain/index.js";
import { updateItem as storeItemChanges } from "../storage/index.js";
import { toItem } from "../wire/index.js";
import type { InventoryContext } from "./inventory-context.js";
import { inventoryEvent, itemTarget } from "./inventory-event.js";
import { announceLevelAlerts } from "./level-alerts.js";
import { requireItem } from "./require-item.js";

/**
 * UpdateItem: changes the fields named in the update mask (see `planItemUpdate`), once per
 * idempotency key of the brand (a retry replays the first answer), and emits ItemUpdated. The
 * low-stock rule is applied again with the item's threshold: raising it to or above the available
 * units announces StockLow (and OutOfStock at zero) now, lowering it below them re-arms the alerts.
 */
export async function updateItem(ctx: InventoryContext, request: UpdateItemRequest): Promise<UpdateItemResponse> {
  const { brandId, sku } = request;
  const plan = planItemUpdate({
    paths: request.updateMask?.paths ?? [],
    name: request.name,
    unitPrice: request.unitPrice
      ? { currencyCode: request.unitPrice.currencyCode, minorUnits: Number(request.unitPrice.minorUnits) }
      : undefined,
    lowStockThreshold: Number(request.lowStockThreshold),
  });
  const scope = `UpdateItem/${brandId}`;
  return idempotentTransaction(
    ctx.db,
    { scope, key: request.idempotencyKey, requestSchema: UpdateItemRequestSchema, request },
    UpdateItemResponseSchema,
    async (trx) => {
      await storeItemChanges(trx, brandId, sku, plan.changes, ctx.now());
      const alerts = await announceLevelAlerts(trx, brandId, sku);
      const item = toItem(await requireItem(trx, brandId, sku));
      const payload = create(ItemUpdatedSchema, {
        item: { ...item, stock: undefined },
        changedFields: [...plan.changedFields],
      });
      await ctx.outbox.append(trx, inventoryEvent(ItemUpdatedSchema, payload, itemTarget(brandId, sku)), ...alerts);
      return create(UpdateItemResponseSchema, { item });
    },
  );
}

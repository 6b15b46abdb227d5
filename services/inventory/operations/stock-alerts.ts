import { create } from "@bufbuild/protobuf";
import { OutOfStockSchema, StockLowSchema } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import type { StockLevel } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Kysely } from "kysely";
import { decideAlerts } from "../domain/index.js";
import { type ChangedLevel, type InventoryDatabase, setAlertFlags } from "../storage/index.js";
import { type InventoryEvent, inventoryEvent, itemTarget } from "./inventory-event.js";

/** What a low-stock decision reads of a level and its item. */
export type AlertInput = Pick<
  ChangedLevel,
  "brand_id" | "sku" | "on_hand" | "reserved" | "low_alerted" | "out_alerted" | "low_stock_threshold" | "name"
>;

/**
 * The low-stock hysteresis (`decideAlerts`) for a level whose available units or threshold just
 * changed, in the caller's transaction with the level locked: stores the flags when they change
 * and returns the StockLow and OutOfStock events (carrying `stock`) to append with the change.
 */
export async function stockAlerts(
  trx: Kysely<InventoryDatabase>,
  level: AlertInput,
  stock: StockLevel,
): Promise<InventoryEvent[]> {
  const decision = decideAlerts(
    { lowAlerted: level.low_alerted, outAlerted: level.out_alerted },
    level.on_hand - level.reserved,
    level.low_stock_threshold,
  );
  if (decision.flags.lowAlerted !== level.low_alerted || decision.flags.outAlerted !== level.out_alerted) {
    await setAlertFlags(trx, level.brand_id, level.sku, decision.flags);
  }
  const target = itemTarget(level.brand_id, level.sku);
  const events: InventoryEvent[] = [];
  if (decision.stockLow) {
    const payload = create(StockLowSchema, {
      stock,
      lowStockThreshold: BigInt(level.low_stock_threshold),
      name: level.name,
    });
    events.push(inventoryEvent(StockLowSchema, payload, target));
  }
  if (decision.outOfStock) {
    events.push(inventoryEvent(OutOfStockSchema, create(OutOfStockSchema, { stock, name: level.name }), target));
  }
  return events;
}

import { isMessage } from "@bufbuild/protobuf";
import { ReservationChangedSchema } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import type { StockLevel } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Kysely } from "kysely";
import { notFound } from "../../kit/errors/index.js";
import { followFeed, watchWithSnapshot } from "../../kit/streaming/index.js";
import { type InventoryDatabase, listLevels } from "../storage/index.js";
import { toStockLevel } from "../wire/index.js";
import type { InventoryContext } from "./inventory-context.js";

/** A WatchStock call: a brand's levels (all, or only the given SKUs) until `signal` aborts. */
export interface WatchStockRequest {
  readonly brandId: string;
  /** Empty for every item of the brand. */
  readonly skus: readonly string[];
  /** The client's signal: the watch ends when it goes away. */
  readonly signal: AbortSignal;
}

/**
 * WatchStock: listens to the process's stock feed first, then sends the current levels, then every
 * change with a newer ledger sequence than what was sent for its SKU — no gap, no repeat. An
 * unknown SKU is NOT_FOUND; a watcher too far behind ends with ABORTED and an interrupted feed with
 * UNAVAILABLE (the client watches again); shutdown ends it quietly.
 */
export function watchStock(ctx: InventoryContext, request: WatchStockRequest): AsyncGenerator<StockLevel> {
  const { brandId } = request;
  const skus = new Set(request.skus);
  const wanted = (stock: StockLevel | undefined) =>
    stock !== undefined && stock.brandId === brandId && (skus.size === 0 || skus.has(stock.sku)) ? stock : undefined;
  return watchWithSnapshot({
    signal: AbortSignal.any([request.signal, ctx.shutdownSignal]),
    subscribe: () =>
      followFeed(ctx.stockFeed, {
        select: (changed) =>
          isMessage(changed, ReservationChangedSchema)
            ? changed.stock.filter((stock) => wanted(stock) !== undefined)
            : wanted(changed.stock),
        signal: request.signal,
        shutdownSignal: ctx.shutdownSignal,
        name: "stock",
      }),
    snapshot: () => currentLevels(ctx.db, brandId, [...skus]),
    versionOf: (stock) => [stock.sku, Number(stock.ledgerSequence)],
  });
}

/** The brand's current levels (of the given SKUs, each of which must exist), by SKU. */
async function* currentLevels(
  db: Kysely<InventoryDatabase>,
  brandId: string,
  skus: readonly string[],
): AsyncGenerator<StockLevel> {
  const levels = await listLevels(db, brandId, skus);
  const missing = skus.filter((sku) => !levels.some((level) => level.sku === sku));
  if (missing.length > 0) throw notFound(`brand ${brandId} has no item ${missing.join(" and no item ")}`);
  for (const level of levels) yield toStockLevel(level, level.stock_time);
}

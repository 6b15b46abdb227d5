import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  type InventoryService,
  type StockLevel,
  WatchStockResponseSchema,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { assertBrandAccess, requirePrincipal } from "../../kit/auth/index.js";
import { DomainError, notFound } from "../../kit/errors/index.js";
import { createSequenceGate, createWatchQueue } from "../../kit/streaming/index.js";
import type { StockFeed } from "../events/stock-feed.js";
import type { InventoryContext } from "../operations/inventory-context.js";
import { listLevels } from "../storage/stock-store.js";
import { toStockLevel } from "./messages.js";

/** Changes a watcher may fall behind by before its stream is ended. */
const watcherBacklog = 10_000;

/**
 * WatchStock: subscribes to the process's stock feed first, then reads and sends the current
 * levels, then sends every change newer than what was sent for its SKU (see
 * {@link createSequenceGate}), so nothing between the snapshot and the feed is lost or repeated.
 * Ends when the client goes away or the server shuts down.
 */
export function createWatchHandler(
  ctx: InventoryContext,
  feed: StockFeed,
  shutdownSignal: AbortSignal,
): Pick<ServiceImpl<typeof InventoryService>, "watchStock"> {
  return {
    async *watchStock(request, context) {
      assertBrandAccess(requirePrincipal(context), request.brandId);
      const skus = new Set(request.skus);
      const queue = createWatchQueue<StockLevel>({
        limit: watcherBacklog,
        signal: AbortSignal.any([context.signal, shutdownSignal]),
        overflow: () => new DomainError("aborted", "the watcher fell too far behind the changes - watch again"),
      });
      const unsubscribe = await feed.subscribe({
        change({ stock }) {
          if (stock && stock.brandId === request.brandId && (skus.size === 0 || skus.has(stock.sku))) queue.push(stock);
        },
        end: () =>
          queue.close(
            shutdownSignal.aborted
              ? undefined
              : new DomainError("unavailable", "the stock feed was interrupted - watch again"),
          ),
      });
      try {
        const levels = await listLevels(ctx.db, request.brandId, [...skus]);
        const missing = [...skus].filter((sku) => !levels.some((level) => level.sku === sku));
        if (missing.length > 0) throw notFound(`brand ${request.brandId} has no item ${missing.join(" and no item ")}`);
        const gate = createSequenceGate();
        for (const level of levels) {
          gate.admit(level.sku, level.ledger_sequence);
          yield create(WatchStockResponseSchema, { stock: toStockLevel(level) });
        }
        for await (const stock of queue) {
          if (gate.admit(stock.sku, Number(stock.ledgerSequence))) yield create(WatchStockResponseSchema, { stock });
        }
      } finally {
        unsubscribe();
      }
    },
  };
}

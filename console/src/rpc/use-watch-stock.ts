import { createClient } from "@connectrpc/connect";
import { useTransport } from "@connectrpc/connect-query";
import { InventoryService, type StockLevel } from "@waybill/sdk/inventory";
import { useCallback, useMemo, useState } from "react";
import { type StreamState, useServerStream } from "./use-server-stream.js";

/** Live stock levels by SKU, and the state of the stream that brings them. */
export interface LiveStock {
  readonly levels: ReadonlyMap<string, StockLevel>;
  readonly stream: StreamState;
}

/**
 * Watches the stock of `skus` of a brand (WatchStock: every level first, then each change); the
 * stream restarts when the brand or the SKUs change. No SKUs (or no brand) watches nothing.
 */
export function useWatchStock(brandId: string, skus: readonly string[]): LiveStock {
  const transport = useTransport();
  const client = useMemo(() => createClient(InventoryService, transport), [transport]);
  const key = brandId && skus.length > 0 ? `${brandId}\n${[...skus].sort().join("\n")}` : undefined;
  const [levels, setLevels] = useState<{ key: string | undefined; map: ReadonlyMap<string, StockLevel> }>({
    key,
    map: new Map(),
  });
  const open = useCallback(
    (signal: AbortSignal) => client.watchStock({ brandId, skus: [...skus] }, { signal }),
    [client, brandId, skus],
  );
  const onMessage = useCallback(
    ({ stock }: { stock?: StockLevel | undefined }) => {
      if (!stock) return;
      setLevels((current) => {
        const map = new Map(current.key === key ? current.map : []);
        const known = map.get(stock.sku);
        // A reconnection replays levels: keep the newest by ledger sequence.
        if (!known || known.ledgerSequence <= stock.ledgerSequence) map.set(stock.sku, stock);
        return { key, map };
      });
    },
    [key],
  );
  const stream = useServerStream(key, open, onMessage);
  return { levels: levels.key === key ? levels.map : new Map(), stream };
}

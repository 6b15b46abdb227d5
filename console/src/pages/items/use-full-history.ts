import { createClient } from "@connectrpc/connect";
import { createConnectQueryKey, useTransport } from "@connectrpc/connect-query";
import { useQuery } from "@tanstack/react-query";
import { paginate } from "@waybill/sdk";
import { InventoryService, type LedgerEntry } from "@waybill/sdk/inventory";

/** The most ledger entries the chart reads (the oldest first); a busier item charts its beginning. */
const maxEntries = 5_000;

/**
 * Every ledger entry of an item (GetStockHistory, all pages), for the chart. Its key sits under
 * InventoryService's, so the mutations' invalidation refreshes it as well.
 */
export function useFullHistory(brandId: string, sku: string) {
  const transport = useTransport();
  const key = createConnectQueryKey({
    schema: InventoryService.method.getStockHistory,
    input: { brandId, sku, page: { pageSize: 0, pageToken: "all" } },
    cardinality: "finite",
  });
  return useQuery({
    queryKey: [...key, "all-pages"],
    queryFn: async ({ signal }) => {
      const client = createClient(InventoryService, transport);
      const entries: LedgerEntry[] = [];
      const pages = paginate(client.getStockHistory, { brandId, sku, page: { pageSize: 500 } }, { signal });
      for await (const entry of pages) {
        entries.push(entry);
        if (entries.length >= maxEntries) break;
      }
      return entries;
    },
  });
}

import { Code, ConnectError } from "@connectrpc/connect";
import { SortDirection } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import { ItemSortField } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import { setupCustomerId, type Workload } from "./workload.js";

/** What discovery looks for. */
export interface DiscoverOptions {
  readonly brandId: string;
  /** Most items to use. */
  readonly items: number;
  /** How many of setup's customer ids to look for. */
  readonly customers: number;
  readonly timeoutMs: number;
}

/** Nothing to work on: the brand has no items or no customers the load can find. */
export class EmptyWorkloadError extends Error {
  override readonly name = "EmptyWorkloadError";
}

/**
 * Finds what an earlier `--setup` (or anyone) left: the brand's items through ListItems, those
 * with the most available stock first, kept to their most common currency; the customers setup
 * creates (GetCustomer of their fixed ids), or else the customers of the brand's latest orders.
 */
export async function discoverWorkload(client: Waybill, options: DiscoverOptions): Promise<Workload> {
  const { brandId, timeoutMs } = options;
  const { items } = await client.inventory.listItems(
    {
      brandId,
      sortField: ItemSortField.AVAILABLE,
      sortDirection: SortDirection.DESCENDING,
      page: { pageSize: Math.min(500, options.items) },
    },
    { timeoutMs },
  );
  const currencies = new Map<string, number>();
  for (const item of items) {
    const code = item.unitPrice?.currencyCode ?? "";
    currencies.set(code, (currencies.get(code) ?? 0) + 1);
  }
  const [currencyCode] = [...currencies].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (currencyCode === undefined) {
    throw new EmptyWorkloadError(`brand ${brandId} has no items: run once with --setup to create some`);
  }
  const skus = items.filter((item) => item.unitPrice?.currencyCode === currencyCode).map((item) => item.sku);
  const customerIds = await findCustomers(client, options);
  if (customerIds.length === 0) {
    throw new EmptyWorkloadError(
      `found no customers to order for brand ${brandId}: run once with --setup (an admin token) to create some`,
    );
  }
  return { brandId, skus, currencyCode, customerIds, origin: "discovered" };
}

async function findCustomers(client: Waybill, options: DiscoverOptions): Promise<string[]> {
  const { brandId, timeoutMs } = options;
  const candidates = Array.from({ length: options.customers }, (_, index) => setupCustomerId(brandId, index));
  const found = await Promise.all(
    candidates.map(async (customerId) => {
      try {
        await client.orders.getCustomer({ customerId }, { timeoutMs });
        return customerId;
      } catch (error) {
        const code = error instanceof ConnectError ? error.code : undefined;
        // Not there, or a token that may not read customers (partner): look at the orders instead.
        if (code === Code.NotFound || code === Code.PermissionDenied) return undefined;
        throw error;
      }
    }),
  );
  const known = found.filter((id): id is string => id !== undefined);
  if (known.length > 0) return known;
  const { orders } = await client.orders.listOrders({ brandId, page: { pageSize: 500 } }, { timeoutMs });
  return [...new Set(orders.map((order) => order.customerId))];
}

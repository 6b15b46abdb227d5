import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import { runLoad } from "./run-load.js";

/** What {@link seedPlaceOrder} creates. */
export interface PlaceOrderSeed {
  readonly brandId: string;
  readonly skus: readonly string[];
  /** Units of each SKU on hand. */
  readonly stock: number;
  readonly customers: number;
}

/**
 * Creates the items (with `stock` units each) and customers the PlaceOrder benchmark needs, through
 * the API; returns the customers' ids.
 */
export async function seedPlaceOrder(admin: Waybill, seed: PlaceOrderSeed): Promise<string[]> {
  const { brandId, skus, stock } = seed;
  await runLoad({
    label: `seeding ${skus.length} items`,
    concurrency: 16,
    total: skus.length,
    operation: async (i) => {
      const sku = skus[i]!;
      await admin.inventory.createItem({
        brandId,
        sku,
        name: `Bench ${sku}`,
        unitPrice: { currencyCode: "EUR", minorUnits: 100n },
        idempotencyKey: `seed-${sku}`,
      });
      await admin.inventory.adjustStock({
        brandId,
        sku,
        delta: BigInt(stock),
        reason: LedgerReason.RESTOCK,
        idempotencyKey: `stock-${sku}`,
      });
    },
  });
  const ids: string[] = [];
  for (let i = 0; i < seed.customers; i++) {
    const { customer } = await admin.orders.createCustomer({
      name: `Bench customer ${i}`,
      email: `bench${i}@example.com`,
      idempotencyKey: `customer-${i}`,
    });
    ids.push(customer!.customerId);
  }
  return ids;
}

import { randomUUID } from "node:crypto";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import { createWaybill } from "@waybill/sdk/node";
import { benchAddress } from "./support/bench-address.js";
import { type BenchWaybill, startBenchWaybill } from "./support/bench-waybill.js";
import { createRawCeiling } from "./support/raw-ceiling.js";
import { compareToCeiling, type ScenarioResult } from "./support/report.js";
import { runLoad } from "./support/run-load.js";

/** Settings of the PlaceOrder benchmark. */
export interface PlaceOrderBenchOptions {
  /** Orders measured per path and scenario. */
  readonly orders: number;
  readonly concurrency: number;
  /** SKUs of the "many SKUs" scenario. */
  readonly skus: number;
}

const brandId = "bench";

/** Creates the items (with plenty of stock) and customers the orders need, through the API. */
async function seed(admin: Waybill, skus: readonly string[], stock: number, customers: number): Promise<string[]> {
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
  for (let i = 0; i < customers; i++) {
    const { customer } = await admin.orders.createCustomer({
      name: `Bench customer ${i}`,
      email: `bench${i}@example.com`,
      idempotencyKey: `customer-${i}`,
    });
    ids.push(customer!.customerId);
  }
  return ids;
}

/** Two distinct random SKUs, or the hot one twice over for a flash sale (one line). */
function pickSkus(skus: readonly string[], flash: boolean): string[] {
  if (flash) return [skus[0]!];
  const a = Math.floor(Math.random() * skus.length);
  let b = Math.floor(Math.random() * (skus.length - 1));
  if (b >= a) b++;
  return [skus[a]!, skus[b]!];
}

/**
 * PlaceOrder through the SDK over gRPC against Waybill running in its own process, for orders
 * over many SKUs and for a flash sale on one SKU, each beside the raw ceiling measured in the same
 * run with the same concurrency.
 */
export async function benchPlaceOrder(options: PlaceOrderBenchOptions): Promise<ScenarioResult[]> {
  const waybill: BenchWaybill = await startBenchWaybill();
  try {
    const admin = createWaybill({ baseUrl: waybill.url, token: await waybill.token("admin"), protocol: "grpc" });
    const service = createWaybill({ baseUrl: waybill.url, token: await waybill.token("service"), protocol: "grpc" });
    const manySkus = Array.from({ length: options.skus }, (_, i) => `SKU-${String(i).padStart(5, "0")}`);
    const stock = 1_000_000;
    const customers = await seed(admin, ["HOT-1", ...manySkus], stock, 50);
    const results: ScenarioResult[] = [];
    for (const scenario of [
      { name: `many SKUs (${options.skus})`, skus: manySkus, flash: false },
      { name: "flash sale (1 SKU)", skus: ["HOT-1"], flash: true },
    ]) {
      const waybillStats = await runLoad({
        label: `waybill ${scenario.name}`,
        concurrency: options.concurrency,
        total: options.orders,
        warmup: options.concurrency * 4,
        operation: async (i) => {
          const skus = pickSkus(scenario.skus, scenario.flash);
          await service.orders.placeOrder({
            customerId: customers[Math.abs(i) % customers.length]!,
            brandId,
            lines: skus.map((sku) => ({ sku, quantity: 1n })),
            deliveryZone: "north",
            deliveryAddress: benchAddress,
            idempotencyKey: randomUUID(),
          });
        },
      });
      const ceiling = createRawCeiling(waybill.env.databaseUrl, options.concurrency);
      await ceiling.setup(scenario.skus, stock);
      const ceilingStats = await runLoad({
        label: `raw SQL ${scenario.name}`,
        concurrency: options.concurrency,
        total: options.orders,
        warmup: options.concurrency * 4,
        operation: () => ceiling.placeOrder(pickSkus(scenario.skus, scenario.flash)),
      });
      await ceiling.close();
      results.push(compareToCeiling(scenario.name, options.concurrency, waybillStats, ceilingStats));
    }
    return results;
  } finally {
    await waybill.stop();
  }
}

import { randomUUID } from "node:crypto";
import { createWaybill } from "@waybill/sdk/node";
import { pino } from "pino";
import { type AfterRun, afterRun } from "./support/after-run.js";
import { benchAddress } from "./support/bench-address.js";
import { createBenchPool, serviceSchemas } from "./support/bench-database.js";
import { type BenchWaybill, startBenchWaybill } from "./support/bench-waybill.js";
import { createDrainWatch, type DrainWatch } from "./support/drain-watch.js";
import { steadyOrderRate } from "./support/events-per-order.js";
import { seedPlaceOrder } from "./support/place-order-seed.js";
import { benchPromoCode, createPromoCampaign } from "./support/promo-campaign.js";
import { createRawCeiling } from "./support/raw-ceiling.js";
import { compareToCeiling, type ScenarioResult } from "./support/report.js";
import { runArrivals } from "./support/run-arrivals.js";
import { runLoad } from "./support/run-load.js";
import { recordRunWindow } from "./support/run-window.js";

/** Settings of the PlaceOrder benchmark. */
export interface PlaceOrderBenchOptions {
  /** Orders measured per path of the many-SKU and flash-sale scenarios. */
  readonly orders: number;
  readonly concurrency: number;
  /** SKUs of the "many SKUs" scenario (and of the steady one). */
  readonly skus: number;
  /** Orders per second of the steady scenario; omitted, enough for {@link steadyEventsPerSecond}. */
  readonly lagRate?: number;
  /** How long the steady scenario sends orders, in seconds. */
  readonly steadySeconds: number;
  /** How long to wait after a run's last answer for the asynchronous side, in milliseconds. */
  readonly drainTimeoutMs: number;
  /** Every n-th order carries the promo code of a campaign (0: none). */
  readonly promoEvery: number;
}

/** One PlaceOrder scenario: the run beside its ceiling, and what followed the run. */
export interface PlaceOrderScenarioResult extends ScenarioResult, AfterRun {
  /** Orders per second the arrivals came at (the steady scenario, an open loop). */
  readonly ratePerSecond?: number;
}

/** Events per second the steady scenario aims at when `lagRate` is not given. */
export const steadyEventsPerSecond = 300;
const brandId = "bench";
const stock = 1_000_000;

/** Two distinct random SKUs, or the hot one twice over for a flash sale (one line). */
function pickSkus(skus: readonly string[], flash: boolean): string[] {
  if (flash) return [skus[0]!];
  const a = Math.floor(Math.random() * skus.length);
  let b = Math.floor(Math.random() * (skus.length - 1));
  if (b >= a) b++;
  return [skus[a]!, skus[b]!];
}

/** A scenario: which SKUs its orders take, and its arrivals (a closed loop, or a rate). */
interface Scenario {
  readonly name: string;
  readonly skus: readonly string[];
  readonly flash: boolean;
  /** Orders per second of an open loop; omitted, a closed loop of `concurrency` clients. */
  readonly rate?: number;
  readonly total: number;
}

/**
 * PlaceOrder through the SDK over gRPC against Waybill running in its own process: orders over many
 * SKUs and a flash sale on one SKU (closed loops), then a steady open-loop rate. After each run the
 * bench waits for the events to drain, reads the consumers' lag and checks the data; then the raw
 * ceiling runs the same load in the same run.
 */
export async function benchPlaceOrder(options: PlaceOrderBenchOptions): Promise<PlaceOrderScenarioResult[]> {
  const waybill: BenchWaybill = await startBenchWaybill();
  const pool = createBenchPool(waybill.env.databaseUrl);
  let watch: DrainWatch | undefined;
  try {
    const admin = createWaybill({ baseUrl: waybill.url, token: await waybill.token("admin"), protocol: "grpc" });
    const service = createWaybill({ baseUrl: waybill.url, token: await waybill.token("service"), protocol: "grpc" });
    const schemas = await serviceSchemas(pool);
    // To stderr: stdout carries the results (JSON alone with --json).
    const logger = pino({ name: "bench", level: "warn" }, pino.destination(2));
    watch = await createDrainWatch({
      db: pool,
      schemas,
      natsUrl: waybill.env.natsUrl,
      prefix: waybill.env.prefix,
      logger,
    });
    const manySkus = Array.from({ length: options.skus }, (_, i) => `SKU-${String(i).padStart(5, "0")}`);
    const customers = await seedPlaceOrder(admin, { brandId, skus: ["HOT-1", ...manySkus], stock, customers: 50 });
    if (options.promoEvery > 0) await createPromoCampaign(admin, brandId);
    // The seed's events go first, so that the first run's drain and lag are its own.
    await watch.wait(performance.now(), options.drainTimeoutMs, "draining the seed");
    const placeOrder = (scenario: Scenario) => async (i: number) => {
      const promo = options.promoEvery > 0 && Math.abs(i) % options.promoEvery === 0;
      await service.orders.placeOrder({
        customerId: customers[Math.abs(i) % customers.length]!,
        brandId,
        lines: pickSkus(scenario.skus, scenario.flash).map((sku) => ({ sku, quantity: 1n })),
        deliveryZone: "north",
        deliveryAddress: benchAddress,
        ...(promo ? { promoCode: benchPromoCode } : {}),
        idempotencyKey: randomUUID(),
      });
    };
    const results: PlaceOrderScenarioResult[] = [];
    const scenarios: Scenario[] = [
      { name: `many SKUs (${options.skus})`, skus: manySkus, flash: false, total: options.orders },
      { name: "flash sale (1 SKU)", skus: ["HOT-1"], flash: true, total: options.orders },
    ];
    for (let s = 0; s < 3; s++) {
      const scenario = scenarios[s] ?? steadyScenario(options, manySkus, results[0]);
      const capacity = results[0]?.waybill.perSecond ?? 0;
      if (scenario.rate !== undefined && scenario.rate > capacity) {
        // Still run: the numbers are what they are, but say why the latency grows without bound.
        console.error(`note: the steady rate (${scenario.rate}/s) is above the many-SKU throughput (${capacity}/s)`);
      }
      const recorder = recordRunWindow();
      const arrivals = {
        label: `waybill ${scenario.name}`,
        concurrency: options.concurrency,
        total: scenario.total,
        operation: recorder.wrap(placeOrder(scenario)),
      };
      const waybillStats =
        scenario.rate === undefined
          ? await runLoad({ ...arrivals, warmup: options.concurrency * 4 })
          : await runArrivals({ ...arrivals, ratePerSecond: scenario.rate });
      const after = await afterRun({
        db: pool,
        schemas,
        watch,
        window: recorder.window(),
        drainTimeoutMs: options.drainTimeoutMs,
        label: scenario.name,
      });
      const ceiling = createRawCeiling(waybill.env.databaseUrl, options.concurrency);
      await ceiling.setup(scenario.skus, stock);
      const ceilingArrivals = {
        label: `raw SQL ${scenario.name}`,
        concurrency: options.concurrency,
        total: scenario.total,
        operation: () => ceiling.placeOrder(pickSkus(scenario.skus, scenario.flash)),
      };
      const ceilingStats =
        scenario.rate === undefined
          ? await runLoad({ ...ceilingArrivals, warmup: options.concurrency * 4 })
          : await runArrivals({ ...ceilingArrivals, ratePerSecond: scenario.rate });
      await ceiling.close();
      results.push({
        ...compareToCeiling(scenario.name, options.concurrency, waybillStats, ceilingStats),
        ...(scenario.rate === undefined ? {} : { ratePerSecond: scenario.rate }),
        ...after,
      });
    }
    return results;
  } finally {
    await watch?.close();
    await pool.end();
    await waybill.stop();
  }
}

/**
 * The steady scenario: many SKUs at `lagRate` orders per second, or at the rate that makes about
 * {@link steadyEventsPerSecond} events a second given the events per order of the first run.
 */
function steadyScenario(
  options: PlaceOrderBenchOptions,
  skus: readonly string[],
  first: PlaceOrderScenarioResult | undefined,
): Scenario {
  const rate = options.lagRate ?? steadyOrderRate(first?.events.perOrder ?? 0, steadyEventsPerSecond);
  return {
    name: `steady (${rate}/s)`,
    skus,
    flash: false,
    rate,
    total: Math.max(2, Math.round(rate * options.steadySeconds)),
  };
}

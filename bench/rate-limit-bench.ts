import { createWaybill } from "@waybill/sdk/node";
import { stockedItem } from "../test/support/fixtures.js";
import { type BenchWaybill, startBenchWaybill } from "./support/bench-waybill.js";
import type { RunStats } from "./support/latency-stats.js";
import { compareToCeiling, type ScenarioResult } from "./support/report.js";
import { runLoad } from "./support/run-load.js";

/** Options of {@link benchRateLimits}. */
export interface RateLimitBenchOptions {
  /** Calls measured per path and scenario. */
  readonly calls: number;
  readonly concurrency: number;
}

/** How the table and report name the two paths of a scenario. */
export const rateLimitPaths = { waybill: "limits on", ceiling: "limits off (baseline)" } as const;

// Never refused: the overhead of the check itself, not of refusals.
const oneCallerLimits = "brand=1000000/s:1000000";
// A burst of 10: each caller's first tokens are leased one or two at a time, so nearly every call
// makes a trip to the shared bucket (NATS KV) - the slow path.
const manyCallersLimits = "brand=5/s:10";

/**
 * The cost of the rate limits: GetItem over gRPC against a Waybill with `RATE_LIMITS=off` (the
 * baseline, measured in the same run, in the place of a ceiling) and one with limits on, for one caller (every call
 * served from the replica's leased tokens) and for a new caller every other call (a trip to the
 * shared KV bucket for nearly every call).
 */
export async function benchRateLimits(options: RateLimitBenchOptions): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const [scenario, limits, callers] of [
    ["one caller", oneCallerLimits, 1],
    ["a new caller every 2 calls", manyCallersLimits, Math.ceil(options.calls / 2)],
  ] as const) {
    const off = await measure(options, "off", callers, `${scenario}, limits off`);
    const on = await measure(options, limits, callers, `${scenario}, limits on`);
    results.push(compareToCeiling(scenario, options.concurrency, on, off));
  }
  return results;
}

async function measure(
  options: RateLimitBenchOptions,
  limits: string,
  callers: number,
  label: string,
): Promise<RunStats> {
  const waybill = await startBenchWaybill({ SERVICES: "inventory", RATE_LIMITS: limits });
  try {
    await seedItem(waybill);
    const tokens = await Promise.all(
      Array.from({ length: callers + 1 }, (_, caller) => waybill.token("brand", "bench", `bench-caller-${caller}`)),
    );
    // One connection for every caller; each call carries its caller's token.
    const client = createWaybill({ baseUrl: waybill.url, protocol: "grpc", rateLimitRetry: false });
    const call = (index: number) =>
      client.inventory
        .getItem(
          { brandId: "bench", sku: "RATE-1" },
          // Warm-up calls (negative indexes) use a caller of their own.
          { headers: { authorization: `Bearer ${tokens[index < 0 ? callers : Math.floor(index / 2) % callers]}` } },
        )
        .then(() => undefined);
    return await runLoad({
      label,
      concurrency: options.concurrency,
      total: options.calls,
      warmup: 4 * options.concurrency,
      operation: call,
    });
  } finally {
    await waybill.stop();
  }
}

async function seedItem(waybill: BenchWaybill): Promise<void> {
  const admin = createWaybill({ baseUrl: waybill.url, token: await waybill.token("admin"), protocol: "grpc" });
  await stockedItem(admin, "bench", "RATE-1", 1);
}

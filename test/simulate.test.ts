import { type ChildProcess, spawn } from "node:child_process";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Waybill } from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulationSummary } from "../simulate/summary.js";
import { simBrandId } from "../simulate/world.js";
import { startTestWaybill, type TestWaybill, testAuthSecret } from "./support/test-waybill.js";
import { waitFor } from "./support/wait-for.js";

// `npm run simulate` as a person runs it: a child process against a real Waybill, then what it
// reports checked against what Waybill holds. It asserts what the system guarantees, never counts
// that depend on timing (the seed fixes the sequence of actions, not how fast Waybill answers).

const root = new URL("..", import.meta.url).pathname;

interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts the simulator against `url` (tsx directly, so a signal reaches it and nothing in between). */
function startSimulator(url: string, args: readonly string[]): { child: ChildProcess; result: Promise<CliResult> } {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: "" };
  delete env.AUTH_SECRET;
  const child = spawn(
    process.execPath,
    [
      "--conditions=@waybill/source",
      "--import",
      "tsx",
      "simulate/index.ts",
      "--url",
      url,
      "--secret",
      testAuthSecret,
      // Not the fixed default (8787): other test files run simulations at the same time.
      "--webhook-port",
      "0",
      ...args,
    ],
    { cwd: root, env },
  );
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const result = new Promise<CliResult>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, result };
}

/** The `--json` summary, failing with everything the run printed when the run failed or printed none. */
function summaryOf(run: CliResult): SimulationSummary {
  expect(run.code, `${run.stderr}\n${run.stdout}`).toBe(0);
  return JSON.parse(run.stdout) as SimulationSummary;
}

const pastReady = new Set([
  OrderStatus.READY_FOR_DISPATCH,
  OrderStatus.DISPATCHED,
  OrderStatus.EN_ROUTE,
  OrderStatus.DELIVERED,
  OrderStatus.RETURNED,
]);

describe("npm run simulate", () => {
  let waybill: TestWaybill;
  let admin: Waybill;

  beforeAll(async () => {
    waybill = await startTestWaybill();
    admin = await waybill.as("admin");
  }, 60_000);

  afterAll(async () => {
    await waybill?.stop();
  });

  it("drives orders, kitchen moves, riders and webhooks, and reports them", async () => {
    const run = await startSimulator(waybill.url, ["--duration", "8s", "--rate", "10", "--seed", "7", "--json"]).result;
    const summary = summaryOf(run);

    expect(summary.stoppedBy).toBe("duration");
    expect(summary.orders.placed).toBeGreaterThan(0);
    expect(summary.orders.orderIds).toHaveLength(summary.orders.placed);
    // Orders beyond the stock are refused for shortage, and counted as expected, not as errors.
    const overStock = summary.actions["place-order-over-stock"];
    expect(overStock?.expected["shortage (expected)"]).toBeGreaterThan(0);
    expect(overStock?.errors).toEqual({});
    expect(summary.totals.errors, JSON.stringify(summary.errorSamples)).toBe(0);
    expect(summary.webhooks.registered).toBe(2);
    expect("verified" in summary.webhooks && summary.webhooks.verified).toBeGreaterThan(0);
    expect("rejected" in summary.webhooks && summary.webhooks.rejected).toBe(0);

    // Every order it reports exists at Waybill, and the kitchen moved some past PLACED.
    const orders = await Promise.all(
      summary.orders.orderIds.map(async (orderId) => (await admin.orders.getOrder({ orderId })).order),
    );
    expect(orders.map((order) => order?.orderId)).toEqual(summary.orders.orderIds);
    expect(orders.some((order) => order !== undefined && pastReady.has(order.status))).toBe(true);

    // No stock of any simulated item ever goes below zero.
    for (const brand of summary.world.brands) {
      for (const sku of brand.skus) {
        const { stock } = await admin.inventory.getStock({ brandId: brand.brandId, sku });
        expect(stock?.onHand, sku).toBeGreaterThanOrEqual(0n);
        expect(stock?.reserved, sku).toBeGreaterThanOrEqual(0n);
        expect(stock?.available, sku).toBeGreaterThanOrEqual(0n);
      }
    }
  }, 90_000);

  it("stops cleanly on SIGINT: exit 0, a summary, and no webhook left registered", async () => {
    const brandId = simBrandId(0);
    const countOrders = async () => (await admin.orders.listOrders({ brandId, page: { pageSize: 500 } })).orders.length;
    const before = await countOrders();
    const { child, result } = startSimulator(waybill.url, ["--rate", "10", "--seed", "11", "--json"]);
    // Running: the set-up is done (the receiver registered first) once a new order appears.
    const seen = await waitFor(countOrders, (count) => count > before, 60_000);
    expect(seen).toBeGreaterThan(before);
    child.kill("SIGINT");
    const run = await result;
    const summary = summaryOf(run);
    expect(summary.stoppedBy).toBe("signal");
    expect(summary.webhooks.registered).toBe(2);
    for (const brand of summary.world.brands) {
      const { webhooks } = await admin.notifications.listWebhooks({ brandId: brand.brandId });
      expect(webhooks, brand.brandId).toEqual([]);
    }
  }, 90_000);
});

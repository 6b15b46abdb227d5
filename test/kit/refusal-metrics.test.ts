import { metrics } from "@opentelemetry/api";
import { metrics as sdkMetrics } from "@opentelemetry/sdk-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";

// Requests the gate refuses never reach the RPC interceptors, so they have no span nor call
// duration: `waybill.requests.refused` counts them by reason, against a Waybill in this process.
const exporter = new sdkMetrics.InMemoryMetricExporter(sdkMetrics.AggregationTemporality.CUMULATIVE);
const reader = new sdkMetrics.PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
metrics.setGlobalMeterProvider(new sdkMetrics.MeterProvider({ readers: [reader] }));

let waybill: TestWaybill;
beforeAll(async () => {
  waybill = await startTestWaybill({
    env: { SERVICES: "inventory", REQUEST_MAX_BYTES: "2048", RATE_LIMITS: "anonymous=2/h:2" },
  });
}, 60_000);
afterAll(() => waybill?.stop());

/** The counter's value per reason, as of now. */
async function refusedByReason(): Promise<Record<string, number>> {
  await reader.forceFlush();
  const points = (exporter.getMetrics().at(-1)?.scopeMetrics ?? [])
    .flatMap((scope) => scope.metrics)
    .filter((metric) => metric.descriptor.name === "waybill.requests.refused")
    .flatMap((metric) => metric.dataPoints as sdkMetrics.DataPoint<number>[]);
  return Object.fromEntries(points.map((point) => [String(point.attributes.reason), point.value]));
}

function getItem(headers: Record<string, string>, body = JSON.stringify({ brandId: "acme", sku: "X" })) {
  return fetch(`${waybill.url}/waybill.inventory.v1.InventoryService/GetItem`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

describe("waybill.requests.refused", () => {
  it("counts bad tokens, rate-limited callers and oversized bodies by reason", async () => {
    const token = await waybill.token("admin");
    const statuses = [
      (await getItem({ authorization: "Bearer forged" })).status,
      (await getItem({ authorization: "Bearer forged" })).status,
      (await getItem({ authorization: "Bearer forged" })).status,
      (await getItem({ authorization: `Bearer ${token}` }, JSON.stringify({ brandId: "x".repeat(4_000) }))).status,
      // Refused while the body arrives (not from its headers): counted once all the same.
      (await getItem({ authorization: `Bearer ${token}` }, `{"x":${"[".repeat(100)}${"]".repeat(100)}}`)).status,
    ];
    expect(statuses).toEqual([401, 401, 429, 429, 400]);
    expect(await refusedByReason()).toEqual({ unauthenticated: 2, rate_limited: 1, too_large: 1, json_too_deep: 1 });
  });
});

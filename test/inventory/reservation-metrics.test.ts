import type { metrics as sdkMetrics } from "@opentelemetry/sdk-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderId, registerGaugeReaders, stockedItem, waitFor } from "../support/index.js";
import { type InventoryHarness, startInventoryHarness } from "./helpers/inventory-harness.js";

// Registered before the code under test starts, in this process: its instruments take the meter
// from the global API.
const { reader, observedNow } = registerGaugeReaders();

/** The values of `waybill.inventory.reservations.held` in a collection made now (one, or none). */
async function held(by: sdkMetrics.MetricReader = reader): Promise<number[]> {
  const { resourceMetrics, errors } = await by.collect();
  expect(errors).toEqual([]);
  const gauge = resourceMetrics.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .filter((metric) => metric.descriptor.name === "waybill.inventory.reservations.held");
  for (const metric of gauge) expect(metric.descriptor.unit).toBe("{reservation}");
  return gauge.flatMap((metric) => (metric.dataPoints as sdkMetrics.DataPoint<number>[]).map((point) => point.value));
}

let h: InventoryHarness;
let stopped = false;

beforeAll(async () => {
  h = await startInventoryHarness({ RESERVATION_TTL_MS: "600000" });
});
afterAll(async () => {
  if (!stopped) await h?.stop();
});

describe("waybill.inventory.reservations.held", () => {
  it("counts the reservations HELD, not those confirmed or released", async () => {
    expect(await held()).toEqual([0]);
    await stockedItem(h.acme, "acme", "H-1", 10);
    const orders = [orderId(), orderId(), orderId()];
    for (const id of orders) {
      await h.service.inventory.reserveStock({ orderId: id, brandId: "acme", lines: [{ sku: "H-1", quantity: 1n }] });
    }
    expect(
      await waitFor(
        () => held(),
        (values) => values[0] === 3,
      ),
    ).toEqual([3]);

    await h.service.inventory.confirmReservation({ orderId: orders[0]! });
    await h.service.inventory.releaseReservation({ orderId: orders[1]!, reason: "test" });
    expect(
      await waitFor(
        () => held(),
        (values) => values[0] === 1,
      ),
    ).toEqual([1]);
  });

  it("is no longer observed once Inventory has stopped", async () => {
    expect(await held(observedNow)).toEqual([1]);
    stopped = true;
    await h.stop();
    expect(await held(observedNow)).toEqual([]);
  });
});

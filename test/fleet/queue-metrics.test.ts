import type { metrics as sdkMetrics } from "@opentelemetry/sdk-node";
import { type Assignment, AssignmentStatus } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerGaugeReaders, waitFor } from "../support/index.js";
import { type FleetHarness, startFleetHarness } from "./helpers/fleet-harness.js";

// Registered before the code under test starts, in this process: its instruments take the meter
// from the global API.
const { reader, observedNow } = registerGaugeReaders();

/** `waybill.fleet.queue.length` by zone, as a collection made now reports it. */
async function queueLengths(by: sdkMetrics.MetricReader = reader): Promise<Record<string, number>> {
  const { resourceMetrics, errors } = await by.collect();
  expect(errors).toEqual([]);
  const gauge = resourceMetrics.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .filter((metric) => metric.descriptor.name === "waybill.fleet.queue.length");
  for (const metric of gauge) expect(metric.descriptor.unit).toBe("{order}");
  const points = gauge.flatMap((metric) => metric.dataPoints as sdkMetrics.DataPoint<number>[]);
  return Object.fromEntries(points.map((point) => [String(point.attributes.zone), point.value]));
}

const is = (status: AssignmentStatus) => (assignment: Assignment) => assignment.status === status;

let h: FleetHarness;
let stopped = false;

beforeAll(async () => {
  h = await startFleetHarness();
});
afterAll(async () => {
  if (!stopped) await h?.stop();
});

describe("waybill.fleet.queue.length", () => {
  it("reports the orders waiting in each zone's queue, and 0 once a zone's queue has emptied", async () => {
    expect(await queueLengths()).toEqual({});
    const first = await h.ready("north");
    const second = await h.ready("north");
    const elsewhere = await h.ready("south");
    for (const id of [first, second, elsewhere]) await h.waitAssignment(id, is(AssignmentStatus.QUEUED));
    expect(
      await waitFor(
        () => queueLengths(),
        (lengths) => lengths.north === 2 && lengths.south === 1,
      ),
    ).toEqual({ north: 2, south: 1 });

    // A rider comes online in the north and takes the oldest order there.
    await h.courier("rider", "north");
    await h.waitAssignment(first, is(AssignmentStatus.ASSIGNED));
    expect(
      await waitFor(
        () => queueLengths(),
        (lengths) => lengths.north === 1,
      ),
    ).toEqual({ north: 1, south: 1 });

    await h.cancel(second, "north");
    await h.cancel(elsewhere, "south");
    for (const id of [second, elsewhere]) await h.waitAssignment(id, is(AssignmentStatus.CANCELLED));
    expect(
      await waitFor(
        () => queueLengths(),
        (lengths) => lengths.north === 0 && lengths.south === 0,
      ),
    ).toEqual({ north: 0, south: 0 });
  });

  it("is no longer observed once Fleet has stopped", async () => {
    expect(Object.keys(await queueLengths(observedNow)).sort()).toEqual(["north", "south"]);
    stopped = true;
    await h.stop();
    expect(await queueLengths(observedNow)).toEqual({});
  });
});

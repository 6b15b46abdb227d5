import { type Courier, CourierState } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { waitFor } from "../support/index.js";
import { type FleetHarness, startFleetHarness } from "./helpers/fleet-harness.js";

let h: FleetHarness;

beforeAll(async () => {
  h = await startFleetHarness({ replicas: 2 });
});
afterAll(() => h?.stop());

/** A drone's flight, by the version each state has: RESERVED at 2 up to READY again at 6. */
const flight = [
  [2, "RESERVED"],
  [3, "LOADED"],
  [4, "EN_ROUTE"],
  [5, "RETURNING"],
  [6, "READY"],
] as const;

it("streams the watched couriers' current state first, then their changes made through any replica", async () => {
  const watched = [await h.courier("drone", "watch"), await h.courier("drone", "watch")];
  await h.courier("drone", "elsewhere");
  // Watch through the second replica; everything below happens through the first.
  const second = await h.replicas[1]!.as("admin");
  const abort = new AbortController();
  const stream = second.fleet.watchFleet({ zone: "watch" }, { signal: abort.signal });
  const seen: Courier[] = [];
  const reading = (async () => {
    try {
      for await (const { courier } of stream) {
        seen.push(courier!);
        if (courier?.state === CourierState.READY && seen.length > 2) break;
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  })();
  const snapshot = await waitFor(
    async () => [...seen],
    (couriers) => couriers.length >= 2,
  );
  expect(snapshot.map((c) => c.courierId).sort()).toEqual(watched.map((c) => c.courierId).sort());
  expect(snapshot.every((c) => c.state === CourierState.READY)).toBe(true);

  const orderId = await h.ready("watch");
  await reading;
  abort.abort();
  const flying = seen.slice(2);
  const courierId = flying[0]!.courierId;
  expect(flying.every((c) => c.courierId === courierId)).toBe(true);
  // Each step is published by whichever replica's relay takes it, so two steps close together may
  // reach the stream out of order, and the watch never goes back to an older version: what it
  // shows moves forward, each version with its state, up to the drone being READY again.
  const steps = flying.map((c) => [Number(c.version), CourierState[c.state]] as const);
  const versions = steps.map(([version]) => version);
  expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
  expect(flight).toEqual(expect.arrayContaining(steps.map(([version, state]) => [version, state])));
  expect(steps.at(-1)).toEqual([6, "READY"]);
  expect((await h.assignment(orderId)).courierId).toBe(courierId);
});

import { type Courier, CourierState } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createWaybill } from "../../sdk/src/node.js";
import { type FleetHarness, startFleetHarness } from "./helpers/fleet-harness.js";

let h: FleetHarness;

beforeAll(async () => {
  h = await startFleetHarness({ replicas: 2 });
});
afterAll(() => h?.stop());

it("streams the watched couriers' current state first, then every change made through any replica", async () => {
  const watched = [await h.courier("drone", "watch"), await h.courier("drone", "watch")];
  await h.courier("drone", "elsewhere");
  // Watch through the second replica; everything below happens through the first.
  const second = createWaybill({ baseUrl: h.replicas[1]!.url, token: await h.waybill.token("admin") });
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
  const snapshot = async () => {
    while (seen.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
  };
  await snapshot();
  expect(seen.map((c) => c.courierId).sort()).toEqual(watched.map((c) => c.courierId).sort());
  expect(seen.every((c) => c.state === CourierState.READY)).toBe(true);

  const orderId = await h.ready("watch");
  await reading;
  abort.abort();
  const flying = seen.slice(2);
  const courierId = flying[0]!.courierId;
  expect(flying.every((c) => c.courierId === courierId)).toBe(true);
  expect(flying.map((c) => CourierState[c.state])).toEqual(["RESERVED", "LOADED", "EN_ROUTE", "RETURNING", "READY"]);
  expect(flying.map((c) => Number(c.version))).toEqual([2, 3, 4, 5, 6]);
  expect((await h.assignment(orderId)).courierId).toBe(courierId);
});

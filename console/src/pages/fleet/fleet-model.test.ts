// @vitest-environment happy-dom
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import {
  type Assignment,
  AssignmentSchema,
  AssignmentStatus,
  type Courier,
  CourierKind,
  CourierSchema,
  CourierState,
} from "@waybill/sdk/fleet";
import { describe, expect, it } from "vitest";
import {
  deliveryOf,
  droneFlightTimes,
  emptyFlightMemory,
  mergeCourier,
  rememberFlights,
  travelMsOf,
  zonesOf,
} from "./fleet-model.js";

const courier = (id: string, extra: MessageInitShape<typeof CourierSchema> = {}): Courier =>
  create(CourierSchema, { courierId: id, name: id, zone: "mitte", kind: CourierKind.DRONE, capacity: 1, ...extra });
const assignment = (orderId: string, extra: MessageInitShape<typeof AssignmentSchema> = {}): Assignment =>
  create(AssignmentSchema, { orderId, zone: "mitte", status: AssignmentStatus.QUEUED, ...extra });
const at = (ms: number) => timestampFromMs(ms);

describe("mergeCourier", () => {
  it("keeps each courier's newest version and drops older ones", () => {
    const one = mergeCourier(new Map(), courier("a", { version: 2n, state: CourierState.READY }));
    const older = mergeCourier(one, courier("a", { version: 1n, state: CourierState.OFFLINE }));
    expect(older).toBe(one);
    const newer = mergeCourier(one, courier("a", { version: 3n, state: CourierState.RESERVED }));
    expect(newer.get("a")?.state).toBe(CourierState.RESERVED);
    expect(one.get("a")?.state).toBe(CourierState.READY);
  });
});

describe("zonesOf", () => {
  it("groups couriers and open deliveries by zone: drones before riders, the queue in its order", () => {
    const zones = zonesOf(
      [
        courier("r1", { kind: CourierKind.RIDER, name: "Ann" }),
        courier("d2", { name: "Zed" }),
        courier("d1", { name: "Bee" }),
        courier("n1", { zone: "north" }),
      ],
      [
        assignment("q2", { queuePosition: 2n }),
        assignment("q1", { queuePosition: 1n }),
        assignment("f1", { status: AssignmentStatus.EN_ROUTE, courierId: "d1" }),
        assignment("done", { status: AssignmentStatus.DELIVERED, courierId: "d2" }),
        assignment("s1", { zone: "south", queuePosition: 1n }),
      ],
    );
    expect(zones.map((z) => z.zone)).toEqual(["mitte", "north", "south"]);
    const [mitte, north, south] = zones;
    expect(mitte?.couriers.map((c) => c.courierId)).toEqual(["d1", "d2", "r1"]);
    expect(mitte?.queue.map((a) => a.orderId)).toEqual(["q1", "q2"]);
    expect(mitte?.active.map((a) => a.orderId)).toEqual(["f1"]);
    expect(north?.queue).toEqual([]);
    // A zone with orders and no courier still shows, with its queue.
    expect(south?.couriers).toEqual([]);
    expect(south?.queue.map((a) => a.orderId)).toEqual(["s1"]);
  });
});

describe("droneFlightTimes", () => {
  const flight = assignment("o1", {
    status: AssignmentStatus.EN_ROUTE,
    courierId: "d1",
    pickupTime: at(1_000),
    estimatedArrivalTime: at(9_000),
  });

  it("flies out from the drone's EN_ROUTE change to the delivery's ETA", () => {
    const drone = courier("d1", { state: CourierState.EN_ROUTE, stateChangeTime: at(1_010) });
    expect(droneFlightTimes(drone, flight, undefined)).toEqual({ leg: "outbound", departMs: 1_010, arriveMs: 9_000 });
    // Without the delivery yet, the zone's travel time gives the arrival.
    expect(droneFlightTimes(drone, undefined, 8_000)).toEqual({ leg: "outbound", departMs: 1_010, arriveMs: 9_010 });
  });

  it("flies back from the point it turned at: the delivery's times and its RETURNING change", () => {
    const drone = courier("d1", { state: CourierState.RETURNING, stateChangeTime: at(9_000) });
    expect(droneFlightTimes(drone, flight, undefined)).toEqual({
      leg: "returning",
      departMs: 1_000,
      arriveMs: 9_000,
      turnMs: 9_000,
    });
    // Unknown flight: taken as coming back from the customer, over the zone's travel time.
    expect(droneFlightTimes(drone, undefined, 8_000)).toEqual({
      leg: "returning",
      departMs: 1_000,
      arriveMs: 9_000,
      turnMs: 9_000,
    });
    expect(droneFlightTimes(drone, undefined, undefined)).toEqual({ leg: "returning", turnMs: 9_000 });
  });

  it("keeps every other state on the ground", () => {
    for (const state of [CourierState.READY, CourierState.RESERVED, CourierState.LOADED, CourierState.OFFLINE]) {
      expect(droneFlightTimes(courier("d1", { state }), flight, 8_000)).toEqual({ leg: "ground" });
    }
  });
});

describe("rememberFlights and deliveryOf", () => {
  it("remembers the last delivery of each courier after it left the open list", () => {
    const flying = assignment("o1", {
      status: AssignmentStatus.EN_ROUTE,
      courierId: "d1",
      pickupTime: at(1_000),
      estimatedArrivalTime: at(7_000),
      updateTime: at(1_000),
    });
    const memory = rememberFlights(emptyFlightMemory, [flying, assignment("q1", { queuePosition: 1n })]);
    expect(memory.travelByZone.get("mitte")).toBe(6_000);
    expect(travelMsOf(flying)).toBe(6_000);
    const drone = courier("d1", { state: CourierState.RETURNING });
    expect(deliveryOf(drone, [flying], memory)).toBe(flying);
    // Delivered: no longer open, still known.
    expect(deliveryOf(drone, [], memory)).toBe(flying);
    // A new delivery of the drone wins over the remembered one.
    const next = assignment("o2", { status: AssignmentStatus.ASSIGNED, courierId: "d1", updateTime: at(9_000) });
    expect(deliveryOf(drone, [next], rememberFlights(memory, [next]))).toBe(next);
    expect(rememberFlights(memory, [next]).byCourier.get("d1")).toBe(next);
    expect(deliveryOf(courier("other"), [], memory)).toBeUndefined();
  });
});

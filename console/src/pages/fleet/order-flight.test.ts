// @vitest-environment happy-dom
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { type Assignment, AssignmentSchema, AssignmentStatus, CourierKind } from "@waybill/sdk/fleet";
import { describe, expect, it } from "vitest";
import { flightPosition } from "./flight-position.js";
import { orderFlightTimes } from "./order-flight.js";

const delivery = (extra: MessageInitShape<typeof AssignmentSchema>): Assignment =>
  create(AssignmentSchema, {
    orderId: "o1",
    courierId: "d1",
    courierKind: CourierKind.DRONE,
    pickupTime: timestampFromMs(1_000),
    estimatedArrivalTime: timestampFromMs(5_000),
    ...extra,
  });

describe("orderFlightTimes", () => {
  it("places the order's drone from the delivery alone, status by status", () => {
    expect(orderFlightTimes(delivery({ status: AssignmentStatus.ASSIGNED }))).toEqual({ leg: "ground" });
    expect(orderFlightTimes(delivery({ status: AssignmentStatus.PICKED_UP }))).toEqual({ leg: "ground" });
    const out = orderFlightTimes(delivery({ status: AssignmentStatus.EN_ROUTE }));
    expect(out).toEqual({ leg: "outbound", departMs: 1_000, arriveMs: 5_000 });
    expect(flightPosition(out!, 3_000)).toEqual({ phase: "outbound", progress: 0.5 });
    expect(orderFlightTimes(delivery({ status: AssignmentStatus.DELIVERED }))).toEqual({ leg: "arrived" });
    expect(orderFlightTimes(delivery({ status: AssignmentStatus.RETURNED }))).toEqual({ leg: "ground" });
  });

  it("turns a recalled drone at the time of the recall", () => {
    const back = orderFlightTimes(delivery({ status: AssignmentStatus.RECALLED, updateTime: timestampFromMs(2_000) }));
    expect(flightPosition(back!, 2_000)).toEqual({ phase: "returning", progress: 0.25 });
    expect(flightPosition(back!, 3_000)).toEqual({ phase: "returning", progress: 0 });
  });

  it("draws nothing for a rider or a queued order", () => {
    expect(orderFlightTimes(delivery({ status: AssignmentStatus.EN_ROUTE, courierKind: CourierKind.RIDER }))).toBe(
      undefined,
    );
    expect(
      orderFlightTimes(delivery({ status: AssignmentStatus.QUEUED, courierKind: CourierKind.UNSPECIFIED })),
    ).toBeUndefined();
  });
});

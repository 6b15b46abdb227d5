import { describe, expect, it } from "vitest";
import { type CourierFacts, courierState, takesOrders } from "./courier-state.js";

const drone: CourierFacts = { kind: "drone", availability: "online", flight: null, active: 0, capacity: 1 };
const rider: CourierFacts = { kind: "rider", availability: "online", flight: null, active: 0, capacity: 3 };

describe("courierState", () => {
  it("shows a drone's flight phase whatever its availability", () => {
    expect(courierState({ ...drone, flight: "en_route", active: 1 })).toBe("en_route");
    expect(courierState({ ...drone, flight: "returning", availability: "maintenance" })).toBe("returning");
    expect(courierState({ ...drone, availability: "maintenance" })).toBe("maintenance");
  });

  it("keeps a rider READY below capacity and BUSY at it", () => {
    expect(courierState({ ...rider, active: 2 })).toBe("ready");
    expect(courierState({ ...rider, active: 3 })).toBe("busy");
    expect(courierState({ ...rider, active: 1, availability: "offline" })).toBe("offline");
  });

  it("gives orders only to READY couriers", () => {
    expect(takesOrders(drone)).toBe(true);
    expect(takesOrders({ ...drone, flight: "reserved", active: 1 })).toBe(false);
    expect(takesOrders({ ...rider, availability: "offline" })).toBe(false);
  });
});

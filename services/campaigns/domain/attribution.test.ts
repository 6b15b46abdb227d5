import { describe, expect, it } from "vitest";
import { attributeCancellation, attributePlacement, attributeReturn, type StatsDelta } from "./attribution.js";

const order = { totalUnits: 4, totalMinor: 2_000, currencyCode: "EUR" };
const sum = (...deltas: StatsDelta[]) =>
  deltas.reduce((a, b) => ({
    orders: a.orders + b.orders,
    units: a.units + b.units,
    revenueMinor: a.revenueMinor + b.revenueMinor,
    cancelledOrders: a.cancelledOrders + b.cancelledOrders,
  }));

describe("attribution", () => {
  it("adds a placed order and takes it back exactly once when it is cancelled", () => {
    const placed = attributePlacement(order, "EUR");
    expect(placed.delta).toEqual({ orders: 1, units: 4, revenueMinor: 2_000, cancelledOrders: 0 });
    const cancelled = attributeCancellation(placed.attribution);
    const again = attributeCancellation(cancelled.attribution);
    expect(sum(placed.delta, cancelled.delta, again.delta)).toEqual({
      orders: 0,
      units: 0,
      revenueMinor: 0,
      cancelledOrders: 1,
    });
  });

  it("counts an order in another currency in orders and units only", () => {
    const placed = attributePlacement({ ...order, currencyCode: "USD" }, "EUR");
    expect(placed.delta).toEqual({ orders: 1, units: 4, revenueMinor: 0, cancelledOrders: 0 });
    const returned = attributeReturn(placed.attribution, 1, 500);
    expect(returned.delta).toEqual({ orders: 0, units: -1, revenueMinor: 0, cancelledOrders: 0 });
  });

  it("subtracts returns by the order's running totals, so repeats change nothing", () => {
    const placed = attributePlacement(order, "EUR");
    const first = attributeReturn(placed.attribution, 1, 500);
    const repeat = attributeReturn(first.attribution, 1, 500);
    const second = attributeReturn(repeat.attribution, 3, 1_500);
    expect(sum(placed.delta, first.delta, repeat.delta, second.delta)).toEqual({
      orders: 1,
      units: 1,
      revenueMinor: 500,
      cancelledOrders: 0,
    });
  });

  it("counts a cancellation seen before its placement as cancelled only", () => {
    const early = attributeCancellation(undefined);
    expect(early.delta).toEqual({ orders: 0, units: 0, revenueMinor: 0, cancelledOrders: 1 });
    expect(early.attribution).toMatchObject({ placed: false, cancelled: true });
    expect(attributeCancellation(early.attribution).delta).toEqual({
      orders: 0,
      units: 0,
      revenueMinor: 0,
      cancelledOrders: 0,
    });
  });
});

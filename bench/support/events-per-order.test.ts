import { describe, expect, it } from "vitest";
import { eventsPerOrder, steadyOrderRate } from "./events-per-order.js";

describe("events per order", () => {
  it("divides counts by orders, per short type name", () => {
    const counts = new Map([
      ["waybill.orders.v1.OrderPlaced", 100],
      ["waybill.inventory.v1.ReservationChanged", 200],
      ["waybill.inventory.v1.StockChanged", 350],
    ]);
    expect(eventsPerOrder(counts, 100)).toEqual({
      orders: 100,
      events: 650,
      perOrder: 6.5,
      byType: { OrderPlaced: 1, ReservationChanged: 2, StockChanged: 3.5 },
    });
    expect(eventsPerOrder(counts, 0).perOrder).toBe(0);
  });

  it("picks the order rate that makes the wanted events per second", () => {
    expect(steadyOrderRate(6, 300)).toBe(50);
    expect(steadyOrderRate(7, 300)).toBe(42.9);
    expect(steadyOrderRate(0, 300)).toBe(300);
    expect(steadyOrderRate(1000, 300)).toBe(1);
  });
});

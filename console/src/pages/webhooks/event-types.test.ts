// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { describeEventTypes, shortEventType, webhookEventTypes } from "./event-types.js";

describe("webhookEventTypes", () => {
  it("lists each service's events from the contracts, and none of Notifications' own", () => {
    const all = webhookEventTypes.flatMap((group) => group.types);
    expect(webhookEventTypes.map((group) => group.service)).toEqual(["Inventory", "Orders", "Fleet", "Campaigns"]);
    expect(all).toContain("waybill.orders.v1.OrderPlaced");
    expect(all).toContain("waybill.inventory.v1.StockLow");
    expect(all.some((type) => type.startsWith("waybill.notifications."))).toBe(false);
    expect(new Set(all).size).toBe(all.length);
    for (const type of all) expect(type).toMatch(/^waybill\.[a-z]+\.v1\.[A-Z][A-Za-z0-9]{0,99}$/);
  });
});

describe("describeEventTypes", () => {
  it("names the chosen events briefly, or says every event", () => {
    expect(shortEventType("waybill.fleet.v1.OrderDelivered")).toBe("OrderDelivered");
    expect(describeEventTypes([])).toBe("Every event");
    expect(describeEventTypes(["waybill.orders.v1.OrderPlaced", "waybill.inventory.v1.StockLow"])).toBe(
      "OrderPlaced, StockLow",
    );
  });
});

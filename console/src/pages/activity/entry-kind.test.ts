// @vitest-environment happy-dom
import { create } from "@bufbuild/protobuf";
import { ActivityEntrySchema } from "@waybill/sdk/notifications";
import { describe, expect, it } from "vitest";
import { entryKind, entryMatches } from "./entry-kind.js";
import { entryLinks } from "./entry-links.js";

const orderId = "3f2a9c1e-7b4d-4e2a-9f1c-5d6e7f8a9b0c";

describe("entryKind", () => {
  it("sorts events by what they are about", () => {
    expect(entryKind("waybill.orders.v1.OrderPlaced")).toBe("orders");
    expect(entryKind("waybill.orders.v1.CustomerCreated")).toBe("customers");
    expect(entryKind("waybill.inventory.v1.StockLow")).toBe("stock");
    expect(entryKind("waybill.fleet.v1.OrderDelivered")).toBe("deliveries");
    expect(entryKind("waybill.campaigns.v1.CampaignCreated")).toBe("campaigns");
    expect(entryKind("something.else")).toBe("other");
  });
});

describe("entryMatches", () => {
  const placed = create(ActivityEntrySchema, {
    eventType: "waybill.orders.v1.OrderPlaced",
    summary: "Order 3f2a9c1e placed: 2 lines, 25.00 EUR",
    orderId,
  });

  it("narrows by kind and by any word or id, ignoring case", () => {
    expect(entryMatches(placed, "", "")).toBe(true);
    expect(entryMatches(placed, "orders", "PLACED")).toBe(true);
    expect(entryMatches(placed, "stock", "")).toBe(false);
    expect(entryMatches(placed, "", orderId.slice(-6))).toBe(true);
    expect(entryMatches(placed, "", "delivered")).toBe(false);
  });
});

describe("entryLinks", () => {
  it("links an order, an item from Inventory's brand/sku aggregate, and a campaign", () => {
    const placed = create(ActivityEntrySchema, {
      brandId: "acme",
      orderId,
      eventType: "waybill.orders.v1.OrderPlaced",
    });
    expect(entryLinks(placed, false)).toEqual([{ label: "Order", to: `/orders/${orderId}` }]);
    expect(entryLinks(placed, true)).toEqual([{ label: "Order", to: `/orders/${orderId}?brand=acme` }]);
    const restock = create(ActivityEntrySchema, {
      brandId: "acme",
      aggregateId: "acme/MUG 1",
      eventType: "waybill.inventory.v1.StockChanged",
    });
    expect(entryLinks(restock, false)).toEqual([{ label: "Item", to: "/items/MUG%201" }]);
    const campaign = create(ActivityEntrySchema, {
      brandId: "acme",
      aggregateId: "c-1",
      eventType: "waybill.campaigns.v1.CampaignCreated",
    });
    expect(entryLinks(campaign, false)).toEqual([{ label: "Campaign", to: "/campaigns/c-1" }]);
  });
});

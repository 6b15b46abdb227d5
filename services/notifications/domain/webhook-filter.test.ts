import { describe, expect, it } from "vitest";
import { webhookWants } from "./webhook-filter.js";

const registered = new Date("2026-01-01T12:00:00Z");
const later = new Date("2026-01-01T12:00:01Z");
const webhook = { brandId: "acme", eventTypes: [] as string[], createdAt: registered };

describe("webhookWants", () => {
  it("takes every event of its brand when it names no types, and the named ones otherwise", () => {
    expect(webhookWants(webhook, { type: "waybill.inventory.v1.StockLow", tenant: "acme", time: later })).toBe(true);
    const placedOnly = { ...webhook, eventTypes: ["waybill.orders.v1.OrderPlaced"] };
    expect(webhookWants(placedOnly, { type: "waybill.orders.v1.OrderPlaced", tenant: "acme", time: later })).toBe(true);
    expect(webhookWants(placedOnly, { type: "waybill.orders.v1.OrderCancelled", tenant: "acme", time: later })).toBe(
      false,
    );
  });

  it("never takes another brand's, a platform-wide or a Notifications event", () => {
    expect(webhookWants(webhook, { type: "waybill.orders.v1.OrderPlaced", tenant: "globex", time: later })).toBe(false);
    expect(webhookWants(webhook, { type: "waybill.orders.v1.CustomerCreated", tenant: "", time: later })).toBe(false);
    expect(
      webhookWants(webhook, { type: "waybill.notifications.v1.NotificationFailed", tenant: "acme", time: later }),
    ).toBe(false);
  });

  it("takes nothing that happened before it was registered (a replayed stream)", () => {
    expect(
      webhookWants(webhook, {
        type: "waybill.orders.v1.OrderPlaced",
        tenant: "acme",
        time: new Date("2026-01-01T11:59:59Z"),
      }),
    ).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { loadEmailTemplates } from "./email-templates.js";

const templates = loadEmailTemplates();

describe("email templates", () => {
  it("renders the subject line and both parts of every email", () => {
    const welcome = templates.render("welcome", { customerName: "Ada <Lovelace>", email: "ada@example.com" });
    expect(welcome.subject).toBe("Welcome to Waybill, Ada <Lovelace>");
    expect(welcome.text).toContain("Hello Ada <Lovelace>,");
    expect(welcome.html).toContain("Hello Ada &lt;Lovelace&gt;,");
    expect(welcome.text.startsWith("Subject")).toBe(false);
  });

  it("lists an order's lines and words its status", () => {
    const placed = templates.render("order_placed", {
      customerName: "Ada",
      orderRef: "3f2a1b2c",
      brandId: "acme",
      lines: [{ sku: "MUG-1", name: "Mug", quantity: "2", lineTotal: "EUR 25.00" }],
      total: "EUR 25.00",
      totalUnits: "2",
      address: "Ada, Invalidenstrasse 1, 10115 Berlin, DE",
    });
    expect(placed.subject).toBe("Your order 3f2a1b2c is confirmed");
    expect(placed.text).toContain("2 x Mug (MUG-1)  EUR 25.00");
    const cancelled = templates.render("order_status_changed", {
      customerName: "Ada",
      orderRef: "3f2a1b2c",
      brandId: "acme",
      status: "cancelled",
      reason: "ordered twice",
      cancelled: true,
    });
    expect(cancelled.subject).toBe("Your order 3f2a1b2c is cancelled");
    expect(cancelled.text).toContain("Reason: ordered twice");
  });

  it("tells a brand about its stock", () => {
    expect(
      templates.render("stock_low", { brandId: "acme", sku: "MUG-1", itemName: "Mug", available: "2", threshold: "3" })
        .subject,
    ).toBe("Low stock at acme: MUG-1 (2 left)");
    expect(templates.render("out_of_stock", { brandId: "acme", sku: "MUG-1", itemName: "Mug" }).text).toContain(
      "Mug (MUG-1) of acme is out of stock",
    );
    expect(
      templates.render("order_delivered", {
        customerName: "Ada",
        orderRef: "3f2a1b2c",
        brandId: "acme",
        receivedBy: "Ada",
      }).text,
    ).toContain("was delivered, received by Ada.");
  });
});

import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { describe, expect, it } from "vitest";
import { addressLine, describeStatus, formatMoney, orderRef } from "./email-views.js";

describe("email views", () => {
  it("formats money with the currency's decimals", () => {
    expect(formatMoney({ currencyCode: "EUR", minorUnits: 1250n })).toBe("EUR 12.50");
    expect(formatMoney({ currencyCode: "EUR", minorUnits: 5n })).toBe("EUR 0.05");
    expect(formatMoney({ currencyCode: "JPY", minorUnits: 500n })).toBe("JPY 500");
    expect(formatMoney({ currencyCode: "EUR", minorUnits: -300n })).toBe("EUR -3.00");
    expect(formatMoney(undefined)).toBe("");
  });

  it("shortens order ids and words statuses", () => {
    expect(orderRef("3f2a1b2c-0000-4000-8000-000000000000")).toBe("3f2a1b2c");
    expect(describeStatus(OrderStatus.READY_FOR_DISPATCH)).toBe("ready for dispatch");
    expect(describeStatus(OrderStatus.UNSPECIFIED)).toBe("updated");
  });

  it("writes an address on one line without its empty parts", () => {
    const address = {
      recipientName: "Ada",
      line1: "Invalidenstrasse 1",
      line2: "",
      city: "Berlin",
      postalCode: "10115",
      countryCode: "DE",
    };
    expect(addressLine(address as never)).toBe("Ada, Invalidenstrasse 1, 10115 Berlin, DE");
    expect(addressLine(undefined)).toBe("");
  });
});

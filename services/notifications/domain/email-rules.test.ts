import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { CourierStateChangedSchema, OrderDeliveredSchema } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import {
  OutOfStockSchema,
  StockChangedSchema,
  StockLowSchema,
} from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import {
  CustomerCreatedSchema,
  OrderPlacedSchema,
  OrderStatusChangedSchema,
} from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { describe, expect, it } from "vitest";
import { emailFor, emailRecipients, tooOldToEmail } from "./email-rules.js";

const orderId = "3f2a1b2c-0000-4000-8000-000000000000";
const order = {
  orderId,
  brandId: "acme",
  customerId: "c1",
  total: { currencyCode: "EUR", minorUnits: 2500n },
  totalUnits: 2n,
};

describe("emailFor", () => {
  it("welcomes a new customer, platform-wide", () => {
    const intent = emailFor(
      create(CustomerCreatedSchema, { customer: { customerId: "c1", name: "Ada", email: "ada@example.com" } }),
      "",
    );
    expect(intent).toMatchObject({
      template: "welcome",
      audience: { to: "customer", customerId: "c1" },
      brandId: "",
      customerId: "c1",
    });
  });

  it("confirms a placed order to its customer, with its lines and total", () => {
    const placed = create(OrderPlacedSchema, {
      order: {
        ...order,
        lines: [{ sku: "MUG-1", name: "Mug", quantity: 2n, lineTotal: { currencyCode: "EUR", minorUnits: 2500n } }],
      },
    });
    expect(emailFor(placed, "acme")).toMatchObject({
      template: "order_placed",
      audience: { to: "customer", customerId: "c1" },
      brandId: "acme",
      view: {
        orderRef: "3f2a1b2c",
        total: "EUR 25.00",
        lines: [{ sku: "MUG-1", quantity: "2", lineTotal: "EUR 25.00" }],
      },
    });
  });

  it("emails status changes except DELIVERED, which Fleet's delivery email tells", () => {
    const changed = (toStatus: OrderStatus) =>
      emailFor(create(OrderStatusChangedSchema, { order, toStatus, reason: "out of stock" }), "acme");
    expect(changed(OrderStatus.PREPARING)).toMatchObject({
      template: "order_status_changed",
      view: { status: "being prepared", statusName: "PREPARING" },
    });
    expect(changed(OrderStatus.CANCELLED)).toMatchObject({ view: { cancelled: true, reason: "out of stock" } });
    expect(changed(OrderStatus.DELIVERED)).toBeUndefined();
    const delivered = create(OrderDeliveredSchema, {
      assignment: {
        orderId,
        brandId: "acme",
        customerId: "c1",
        deliverTime: timestampFromDate(new Date("2026-01-01T12:00:00Z")),
      },
      receivedBy: "Ada",
    });
    expect(emailFor(delivered, "acme")).toMatchObject({
      template: "order_delivered",
      audience: { to: "customer", customerId: "c1" },
      view: { receivedBy: "Ada", deliveredAt: "2026-01-01T12:00:00.000Z" },
    });
  });

  it("tells the brand about low and no stock", () => {
    const low = create(StockLowSchema, { stock: { sku: "MUG-1", available: 2n }, lowStockThreshold: 3n, name: "Mug" });
    expect(emailFor(low, "acme")).toMatchObject({
      template: "stock_low",
      audience: { to: "brand", brandId: "acme" },
      view: { sku: "MUG-1", itemName: "Mug", available: "2", threshold: "3" },
    });
    expect(emailFor(create(OutOfStockSchema, { stock: { sku: "MUG-1" } }), "acme")).toMatchObject({
      template: "out_of_stock",
      view: { itemName: "MUG-1" },
    });
  });

  it("emails nothing about other events", () => {
    expect(emailFor(create(StockChangedSchema, {}), "acme")).toBeUndefined();
    expect(emailFor(create(CourierStateChangedSchema, {}), "")).toBeUndefined();
  });
});

describe("emailRecipients", () => {
  it("sends a brand's email to its contact and the operator, once per address", () => {
    expect(
      emailRecipients(
        { to: "brand", brandId: "acme" },
        { brandContact: "Stock@Acme.example", adminEmail: "ops@waybill.example" },
      ),
    ).toEqual(["stock@acme.example", "ops@waybill.example"]);
    expect(
      emailRecipients(
        { to: "brand", brandId: "acme" },
        { brandContact: "ops@waybill.example", adminEmail: "OPS@waybill.example" },
      ),
    ).toEqual(["ops@waybill.example"]);
    expect(emailRecipients({ to: "brand", brandId: "acme" }, { adminEmail: "ops@waybill.example" })).toEqual([
      "ops@waybill.example",
    ]);
    expect(emailRecipients({ to: "brand", brandId: "acme" }, {})).toEqual([]);
  });

  it("sends a customer's email to the customer only", () => {
    expect(
      emailRecipients(
        { to: "customer", customerId: "c1" },
        { customerEmail: "ada@example.com", adminEmail: "ops@waybill.example" },
      ),
    ).toEqual(["ada@example.com"]);
  });
});

describe("tooOldToEmail", () => {
  it("holds back mail about events older than the limit", () => {
    const now = new Date("2026-01-02T12:00:00Z");
    expect(tooOldToEmail(new Date("2026-01-01T11:59:59Z"), now, 86_400_000)).toBe(true);
    expect(tooOldToEmail(new Date("2026-01-02T11:00:00Z"), now, 86_400_000)).toBe(false);
  });
});

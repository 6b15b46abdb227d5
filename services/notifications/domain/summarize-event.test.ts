import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { EventEnvelopeSchema } from "@waybill/contracts/waybill/common/v1/event_pb.js";
import {
  CourierStateChangedSchema,
  OrderDeliveredSchema,
  OrderEnRouteSchema,
  OrderQueuedSchema,
} from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import { CourierKind } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { OutOfStockSchema, StockChangedSchema } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import {
  CustomerCreatedSchema,
  OrderPlacedSchema,
  OrderStatusChangedSchema,
} from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { describe, expect, it } from "vitest";
import { summarizeEvent } from "./summarize-event.js";

describe("summarizeEvent", () => {
  it("describes a stock change with its sign and the level after it", () => {
    const payload = create(StockChangedSchema, {
      entry: { sku: "MUG-1", deltaOnHand: -3n, reason: LedgerReason.ADJUSTMENT },
      stock: { sku: "MUG-1", available: 7n },
    });
    expect(summarizeEvent(payload)?.summary).toBe("MUG-1 adjusted -3 (available 7)");
  });

  it("describes out of stock", () => {
    expect(summarizeEvent(create(OutOfStockSchema, { stock: { sku: "TEA" } }))?.summary).toBe("TEA is out of stock");
  });

  it("ignores messages the feed does not show, and stock held for orders", () => {
    expect(summarizeEvent(create(EventEnvelopeSchema))).toBeUndefined();
    const hold = create(StockChangedSchema, {
      entry: { sku: "MUG-1", deltaReserved: 1n, reason: LedgerReason.RESERVE },
      stock: { sku: "MUG-1" },
    });
    expect(summarizeEvent(hold)).toBeUndefined();
  });
});

describe("summarizeEvent of orders and deliveries", () => {
  const orderId = "3f2a1b2c-0000-4000-8000-000000000000";
  const order = {
    orderId,
    brandId: "acme",
    customerId: "c1",
    totalUnits: 2n,
    total: { currencyCode: "EUR", minorUnits: 1250n },
  };

  it("tells placements and the kitchen's moves, with the customer and order they concern", () => {
    expect(summarizeEvent(create(OrderPlacedSchema, { order }))).toEqual({
      summary: "Order 3f2a1b2c placed: 2 units, EUR 12.50",
      customerId: "c1",
      orderId,
    });
    expect(summarizeEvent(create(OrderStatusChangedSchema, { order, toStatus: OrderStatus.PREPARING }))?.summary).toBe(
      "Order 3f2a1b2c is being prepared",
    );
    expect(
      summarizeEvent(
        create(OrderStatusChangedSchema, { order, toStatus: OrderStatus.CANCELLED, reason: "ordered twice" }),
      )?.summary,
    ).toBe("Order 3f2a1b2c is cancelled (ordered twice)");
    expect(summarizeEvent(create(CustomerCreatedSchema, { customer: { customerId: "c1", name: "Ada" } }))).toEqual({
      summary: "Ada joined",
      customerId: "c1",
    });
  });

  it("tells deliveries from Fleet's events and leaves Orders' copies of them out", () => {
    const assignment = {
      orderId,
      customerId: "c1",
      zone: "north",
      courierKind: CourierKind.DRONE,
      estimatedArrivalTime: timestampFromDate(new Date("2026-01-01T12:34:00Z")),
    };
    expect(summarizeEvent(create(OrderEnRouteSchema, { assignment }))).toEqual({
      summary: "Order 3f2a1b2c is on its way, arriving about 12:34 UTC",
      customerId: "c1",
      orderId,
    });
    expect(summarizeEvent(create(OrderDeliveredSchema, { assignment, receivedBy: "Ada" }))?.summary).toBe(
      "Order 3f2a1b2c was delivered to Ada",
    );
    expect(
      summarizeEvent(create(OrderQueuedSchema, { assignment: { ...assignment, queuePosition: 2n } }))?.summary,
    ).toBe("Order 3f2a1b2c is waiting for a courier in north (position 2)");
    expect(
      summarizeEvent(create(OrderStatusChangedSchema, { order, toStatus: OrderStatus.DELIVERED })),
    ).toBeUndefined();
    expect(summarizeEvent(create(CourierStateChangedSchema, { courier: { courierId: "k1" } }))).toBeUndefined();
  });
});

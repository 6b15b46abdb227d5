import { isMessage } from "@bufbuild/protobuf";
import { Role } from "@waybill/contracts/waybill/common/v1/auth_pb.js";
import {
  DeliveryAbortedSchema,
  DeliveryRecalledSchema,
  OrderDeliveredSchema,
  OrderDispatchedSchema,
  OrderEnRouteSchema,
} from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import { OrderStatusChangedSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import { OrderStatus, type OrderStatusChange } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Waybill } from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventsSettled, orderRequest, publishedEvents, waitFor } from "../support/index.js";
import { type OrdersHarness, startOrdersHarness } from "./orders-harness.js";

let harness: OrdersHarness;
let kitchen: Waybill;
let keys = 0;

beforeAll(async () => {
  harness = await startOrdersHarness();
  kitchen = await harness.brand("acme");
  await harness.stock("acme", "PIZZA", 1000, 900);
});
afterAll(() => harness?.stop());

/** A placed order moved by the brand to READY_FOR_DISPATCH, and its Fleet assignment. */
async function readyOrder() {
  const customer = await harness.customer();
  const { order } = await customer.client.orders.placeOrder(
    orderRequest(customer.id, "acme", [["PIZZA", 1]], `k-${++keys}`),
  );
  for (const status of [OrderStatus.PREPARING, OrderStatus.READY_FOR_DISPATCH]) {
    await kitchen.orders.updateOrderStatus({
      orderId: order!.orderId,
      status,
      reason: "",
      idempotencyKey: `m-${++keys}`,
    });
  }
  return {
    orderId: order!.orderId,
    assignment: { orderId: order!.orderId, brandId: "acme", customerId: customer.id, courierId: "drone-3" },
  };
}

const history = async (orderId: string) => (await harness.admin.orders.getOrderHistory({ orderId })).changes;

/** Waits until the log has an entry into `status` (Fleet events are handled in stream order). */
async function historyUntil(orderId: string, status: OrderStatus): Promise<OrderStatusChange[]> {
  return waitFor(
    () => history(orderId),
    (changes) => changes.some((c) => c.toStatus === status && c.fromStatus !== status),
  );
}

const moves = (changes: readonly OrderStatusChange[]) => changes.slice(3).map((c) => [c.fromStatus, c.toStatus]);

describe("Fleet events", () => {
  it("move the order through DISPATCHED, EN_ROUTE and DELIVERED with the courier as actor", async () => {
    const { orderId, assignment } = await readyOrder();
    await harness.publishFleet(OrderDispatchedSchema, { assignment });
    await harness.publishFleet(OrderEnRouteSchema, { assignment });
    await harness.publishFleet(OrderDeliveredSchema, { assignment, receivedBy: "Ada" });
    const changes = await historyUntil(orderId, OrderStatus.DELIVERED);
    expect(moves(changes)).toEqual([
      [OrderStatus.READY_FOR_DISPATCH, OrderStatus.DISPATCHED],
      [OrderStatus.DISPATCHED, OrderStatus.EN_ROUTE],
      [OrderStatus.EN_ROUTE, OrderStatus.DELIVERED],
    ]);
    expect(changes.slice(3).every((c) => c.actor === "drone-3" && c.actorRole === Role.COURIER)).toBe(true);
    expect(changes.at(-1)?.reason).toBe("received by Ada");
    const toStatuses = (await publishedEvents(harness.env, "orders", "OrderStatusChanged", orderId)).map((e) =>
      isMessage(e.payload, OrderStatusChangedSchema) ? e.payload.toStatus : 0,
    );
    expect(toStatuses).toEqual([
      OrderStatus.PREPARING,
      OrderStatus.READY_FOR_DISPATCH,
      OrderStatus.DISPATCHED,
      OrderStatus.EN_ROUTE,
      OrderStatus.DELIVERED,
    ]);
  });

  it("change nothing twice when the same event is delivered twice", async () => {
    const { orderId, assignment } = await readyOrder();
    const envelopeId = crypto.randomUUID();
    // The same envelope under two message ids: JetStream keeps both, the inbox must drop one.
    await harness.publishFleet(OrderDispatchedSchema, { assignment }, { envelopeId });
    await harness.publishFleet(OrderDispatchedSchema, { assignment }, { envelopeId });
    // A second report of the same step under a new event id is a stale report.
    await harness.publishFleet(OrderDispatchedSchema, { assignment });
    await harness.publishFleet(OrderEnRouteSchema, { assignment });
    const changes = await historyUntil(orderId, OrderStatus.EN_ROUTE);
    expect(moves(changes)).toEqual([
      [OrderStatus.READY_FOR_DISPATCH, OrderStatus.DISPATCHED],
      [OrderStatus.DISPATCHED, OrderStatus.EN_ROUTE],
    ]);
  });

  it("never move the order backwards when events arrive out of order, logging the skipped state", async () => {
    const { orderId, assignment } = await readyOrder();
    await harness.publishFleet(OrderEnRouteSchema, { assignment });
    await harness.publishFleet(OrderDispatchedSchema, { assignment });
    await harness.publishFleet(OrderDeliveredSchema, { assignment });
    await harness.publishFleet(OrderEnRouteSchema, { assignment });
    await harness.publishFleet(OrderDeliveredSchema, { assignment, receivedBy: "again" });
    // Every event is in the stream; once Orders' consumer has acknowledged them all, each was handled.
    await eventsSettled(harness.env);
    const changes = await history(orderId);
    expect(moves(changes)).toEqual([
      [OrderStatus.READY_FOR_DISPATCH, OrderStatus.DISPATCHED],
      [OrderStatus.DISPATCHED, OrderStatus.EN_ROUTE],
      [OrderStatus.EN_ROUTE, OrderStatus.DELIVERED],
    ]);
    expect(changes[3]?.reason).toBe("DISPATCHED implied by a later delivery event");
    expect((await harness.admin.orders.getOrder({ orderId })).order?.status).toBe(OrderStatus.DELIVERED);
  });

  it("log a recalled and aborted delivery of a cancelled order and keep it CANCELLED", async () => {
    const { orderId, assignment } = await readyOrder();
    await harness.publishFleet(OrderDispatchedSchema, { assignment });
    await historyUntil(orderId, OrderStatus.DISPATCHED);
    await kitchen.orders.cancelOrder({ orderId, reason: "kitchen fire", idempotencyKey: "cancel" });
    await harness.publishFleet(DeliveryRecalledSchema, { assignment, reason: "kitchen fire" });
    await harness.publishFleet(OrderDeliveredSchema, { assignment });
    await harness.publishFleet(DeliveryAbortedSchema, { assignment, reason: "drone back at base" });
    const changes = await waitFor(
      () => history(orderId),
      (list) => list.some((c) => c.reason.startsWith("delivery aborted")),
    );
    expect(changes.slice(4).map((c) => [c.fromStatus, c.toStatus, c.reason])).toEqual([
      [OrderStatus.DISPATCHED, OrderStatus.CANCELLED, "kitchen fire"],
      [OrderStatus.CANCELLED, OrderStatus.CANCELLED, "delivery recalled - kitchen fire"],
      [OrderStatus.CANCELLED, OrderStatus.CANCELLED, "delivery aborted and the goods are back - drone back at base"],
    ]);
    expect((await harness.admin.orders.getOrder({ orderId })).order?.status).toBe(OrderStatus.CANCELLED);
  });
});

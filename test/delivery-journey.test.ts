import {
  AssignmentStatus,
  CourierAvailability,
  CourierKind,
  CourierState,
} from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { type Order, OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Waybill } from "@waybill/sdk";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fleetService } from "../services/fleet/index.js";
import type { FleetDatabase } from "../services/fleet/storage/index.js";
import { fastFleet } from "./fleet/helpers/fleet-harness.js";
import { type OrdersHarness, startOrdersHarness } from "./orders/orders-harness.js";
import { orderRequest, outboxAggregateIds, schemaSql, waitFor } from "./support/index.js";

let h: OrdersHarness;
let kitchen: Waybill;
let fleetSql: Kysely<FleetDatabase>;
let keys = 0;

beforeAll(async () => {
  // Zone `distant` flies out for 86 s: a cancellation lands long before the drone would arrive,
  // and a recalled drone flies back only as long as it flew out.
  h = await startOrdersHarness({
    with: [fleetService],
    env: { ...fastFleet, FLEET_ZONE_TRAVEL_MS: `${fastFleet.FLEET_ZONE_TRAVEL_MS},distant=86400000` },
  });
  kitchen = await h.brand("acme");
  fleetSql = schemaSql<FleetDatabase>(h.env.databaseUrl, "fleet");
});
afterAll(async () => {
  await fleetSql?.destroy();
  await h?.stop();
});

async function drone(zone: string, availability = CourierAvailability.ONLINE): Promise<string> {
  const { courier } = await h.admin.fleet.registerCourier({
    kind: CourierKind.DRONE,
    name: `drone ${++keys}`,
    zone,
    capacity: 1,
    availability,
    idempotencyKey: `drone-${keys}`,
  });
  return courier!.courierId;
}

const millis = (time: { seconds: bigint; nanos: number } | undefined) =>
  time ? Number(time.seconds) * 1000 + time.nanos / 1e6 : Number.NaN;

/** Places an order of `quantity` KIT for zone `zone` and moves it through the kitchen to READY_FOR_DISPATCH. */
async function readyOrder(zone: string, sku: string, quantity: number): Promise<{ order: Order; customer: Waybill }> {
  const customer = await h.customer();
  const { order } = await customer.client.orders.placeOrder(
    orderRequest(customer.id, "acme", [[sku, quantity]], `order-${++keys}`, { deliveryZone: zone }),
  );
  for (const status of [OrderStatus.PREPARING, OrderStatus.READY_FOR_DISPATCH]) {
    await kitchen.orders.updateOrderStatus({ orderId: order!.orderId, status, idempotencyKey: `move-${++keys}` });
  }
  return { order: order!, customer: customer.client };
}

/** Order ids of the Fleet events of one type, oldest first. */
const fleetEvents = (type: string) => outboxAggregateIds(fleetSql, "fleet", type);

const statusOf = async (orderId: string) => (await h.admin.orders.getOrder({ orderId })).order!.status;

describe("delivery journey across Orders, Fleet and Inventory", () => {
  it("delivers more orders than there are drones: orders queue first in first out, each drone carries one at a time", async () => {
    await h.stock("acme", "KIT", 10);
    // The drones stay offline until every order waits in the zone's queue, so all six queue.
    const drones = [
      await drone("mitte", CourierAvailability.OFFLINE),
      await drone("mitte", CourierAvailability.OFFLINE),
    ];
    const orders = [];
    for (let i = 0; i < 6; i++) {
      const { order } = await readyOrder("mitte", "KIT", 1);
      const queued = await waitFor(
        () => h.admin.fleet.getAssignment({ orderId: order.orderId }),
        (r) => r.assignment?.status === AssignmentStatus.QUEUED,
      );
      expect(queued.assignment?.queuePosition).toBe(BigInt(i + 1));
      orders.push(order);
    }
    for (const courierId of drones) {
      await h.admin.fleet.setCourierAvailability({
        courierId,
        availability: CourierAvailability.ONLINE,
        idempotencyKey: `online-${courierId}`,
      });
    }

    for (const order of orders) {
      expect(
        await waitFor(
          () => statusOf(order.orderId),
          (s) => s === OrderStatus.DELIVERED,
          20_000,
        ),
      ).toBe(OrderStatus.DELIVERED);
    }
    const history = (await h.admin.orders.getOrderHistory({ orderId: orders[5]!.orderId })).changes.map(
      (change) => OrderStatus[change.toStatus],
    );
    expect(history).toEqual(["PLACED", "PREPARING", "READY_FOR_DISPATCH", "DISPATCHED", "EN_ROUTE", "DELIVERED"]);

    const ids = orders.map((order) => order.orderId);
    const assignments = await Promise.all(
      ids.map(async (orderId) => (await h.admin.fleet.getAssignment({ orderId })).assignment!),
    );
    expect(assignments.every((a) => a.status === AssignmentStatus.DELIVERED && a.attempt === 1)).toBe(true);
    expect(new Set(assignments.map((a) => a.courierId))).toEqual(new Set(drones));
    // First in, first out: each order was assigned no earlier than the one queued before it.
    const assigned = assignments.map((a) => millis(a.assignTime));
    expect(assigned).toEqual([...assigned].sort((a, b) => a - b));
    // A drone carries one order at a time: its deliveries never overlap.
    for (const id of drones) {
      const flights = assignments
        .filter((a) => a.courierId === id)
        .map((a) => [millis(a.assignTime), millis(a.endTime)] as const)
        .sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < flights.length; i++) expect(flights[i]![0]).toBeGreaterThanOrEqual(flights[i - 1]![1]);
      const back = await waitFor(
        () => h.admin.fleet.getCourier({ courierId: id }),
        (r) => r.courier?.state === CourierState.READY,
      );
      expect(back.courier?.activeAssignments).toBe(0);
    }
    expect(new Set(await fleetEvents("OrderQueued"))).toEqual(new Set(ids));
    expect((await fleetEvents("OrderDelivered")).sort()).toEqual([...ids].sort());
    // Consumed at dispatch: on hand drops by what was delivered and nothing stays reserved.
    expect(
      await waitFor(
        () => h.level("acme", "KIT"),
        (l) => l.onHand === 4n,
      ),
    ).toMatchObject({
      onHand: 4n,
      reserved: 0n,
      available: 4n,
    });
  });

  it("recalls a drone whose order is cancelled in flight, and the goods return to stock", async () => {
    await h.stock("acme", "LAMP", 10);
    await drone("distant");
    const { order, customer } = await readyOrder("distant", "LAMP", 3);
    await waitFor(
      () => h.admin.fleet.getAssignment({ orderId: order.orderId }).catch(() => undefined),
      (r) => r?.assignment?.status === AssignmentStatus.EN_ROUTE,
    );
    // Dispatch consumed the stock before the cancellation.
    expect(
      await waitFor(
        () => h.level("acme", "LAMP"),
        (l) => l.onHand === 7n,
      ),
    ).toMatchObject({ onHand: 7n, reserved: 0n });

    await customer.orders.cancelOrder({
      orderId: order.orderId,
      reason: "ordered twice",
      idempotencyKey: "cancel-lamp",
    });
    const back = await waitFor(
      () => h.admin.fleet.getAssignment({ orderId: order.orderId }),
      (r) => r.assignment?.status === AssignmentStatus.RETURNED,
    );
    expect(back.assignment).toMatchObject({ status: AssignmentStatus.RETURNED, endReason: "ordered twice" });
    expect(
      await waitFor(
        () => h.level("acme", "LAMP"),
        (l) => l.onHand === 10n,
      ),
    ).toMatchObject({ onHand: 10n, reserved: 0n, available: 10n });
    const { entries } = await h.admin.inventory.getStockHistory({ brandId: "acme", sku: "LAMP" });
    expect(entries.map((e) => LedgerReason[e.reason])).toEqual(["RESTOCK", "RESERVE", "COMMIT", "RETURN"]);
    expect(await statusOf(order.orderId)).toBe(OrderStatus.CANCELLED);
    expect(await fleetEvents("DeliveryRecalled")).toContain(order.orderId);
  });
});

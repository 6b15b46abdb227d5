import { Code } from "@connectrpc/connect";
import { AssignmentStatus, CourierAvailability, CourierKind } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Waybill } from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fastFleet } from "./fleet/helpers/fleet-harness.js";
import { errorOf, orderRequest, stockedItem, waitUntil } from "./support/index.js";
import { startTestWaybill, type TestWaybill } from "./support/test-waybill.js";

/**
 * Security issue 11: an id of another tenant's object must get exactly the answer of an id that
 * names nothing (order ids are a UUIDv5 of a scope and a key, campaign ids a hash of brand and key:
 * they can be guessed, and a different answer would tell which exist). Brand acme owns an order of
 * customer alice carried by rider r1, a webhook and a notification; brand globex (as a brand and as
 * a partner), customer bob and rider r2 probe them. Where the caller's role may never act on the
 * id at all, the answer is PERMISSION_DENIED, and the same for a missing id.
 */

/** What the probes reach: acme's objects and the strangers' clients. */
interface World {
  readonly orderId: string;
  readonly aliceId: string;
  readonly r1: string;
  readonly r2: string;
  readonly webhookId: string;
  readonly notificationId: string;
  readonly globex: Waybill;
  readonly globexPartner: Waybill;
  readonly bob: Waybill;
  readonly rider2: Waybill;
  readonly rider1: Waybill;
}

/** One RPC called by one stranger with an id: the id of acme's object, or one that names nothing. */
interface Probe {
  readonly rpc: string;
  readonly caller: "brand globex" | "partner globex" | "customer bob" | "courier r2";
  /** The answer both ids must get. */
  readonly code: Code;
  /** The id of the object that exists. */
  readonly existing: (w: World) => string;
  readonly call: (w: World, id: string) => Promise<unknown>;
}

let waybill: TestWaybill;
let world: World;

/** Creates acme's order (ASSIGNED to r1), webhook and notification, and the strangers' clients. */
async function buildWorld(): Promise<World> {
  const admin = await waybill.as("admin");
  const acme = await waybill.as("brand", "acme");
  await stockedItem(admin, "acme", "MUG", 100);
  const customer = async (name: string) => {
    const customerId = crypto.randomUUID();
    await admin.orders.createCustomer({
      customerId,
      name,
      email: `${name}-${customerId.slice(0, 8)}@example.com`,
      idempotencyKey: `customer-${name}`,
    });
    return customerId;
  };
  const rider = async (zone: string) => {
    const { courier } = await admin.fleet.registerCourier({
      kind: CourierKind.RIDER,
      name: `rider of ${zone}`,
      zone,
      capacity: 2,
      availability: CourierAvailability.ONLINE,
      idempotencyKey: `rider-${zone}`,
    });
    return courier!.courierId;
  };
  const [aliceId, bobId, r1, r2] = [
    await customer("alice"),
    await customer("bob"),
    await rider("probe"),
    await rider("elsewhere"),
  ];

  const alice = await waybill.asCustomer(aliceId);
  const { order } = await alice.orders.placeOrder(
    orderRequest(aliceId, "acme", [["MUG", 1]], "existence-order", { deliveryZone: "probe" }),
  );
  const orderId = order!.orderId;
  for (const status of [OrderStatus.PREPARING, OrderStatus.READY_FOR_DISPATCH]) {
    await acme.orders.updateOrderStatus({ orderId, status, reason: "", idempotencyKey: `move-${status}` });
  }
  await waitUntil(
    () => admin.fleet.getAssignment({ orderId }),
    (r) => r.assignment?.status === AssignmentStatus.ASSIGNED && r.assignment.courierId === r1,
    "the order's assignment to r1",
  );
  const { webhook } = await acme.notifications.registerWebhook({
    brandId: "acme",
    url: "http://127.0.0.1:9/existence",
    // An event that never happens here: the webhook receives nothing.
    eventTypes: ["waybill.campaigns.v1.CampaignArchived"],
    description: "probed",
    idempotencyKey: "probed-webhook",
  });
  const { notifications } = await waitUntil(
    () => admin.notifications.listNotifications({ brandId: "acme" }),
    (r) => r.notifications.length > 0,
    "a notification of acme",
  );
  return {
    orderId,
    aliceId,
    r1,
    r2,
    webhookId: webhook!.webhookId,
    notificationId: notifications[0]!.notificationId,
    globex: await waybill.as("brand", "globex"),
    globexPartner: await waybill.as("partner", "globex"),
    bob: await waybill.asCustomer(bobId),
    rider2: await waybill.asCourier(r2),
    rider1: await waybill.asCourier(r1),
  };
}

beforeAll(async () => {
  waybill = await startTestWaybill({ env: fastFleet });
  world = await buildWorld();
}, 60_000);
afterAll(() => waybill?.stop());

const brands = ["brand globex", "partner globex"] as const;
const clientOf = (w: World, caller: Probe["caller"]): Waybill =>
  ({ "brand globex": w.globex, "partner globex": w.globexPartner, "customer bob": w.bob, "courier r2": w.rider2 })[
    caller
  ];
const order = (w: World) => w.orderId;

/** Probes of every RPC that takes the id of another tenant's order, courier, customer, webhook or notification. */
const probes: readonly Probe[] = [
  ...(["brand globex", "partner globex", "customer bob"] as const).flatMap((caller): Probe[] => [
    {
      rpc: "GetOrder",
      caller,
      code: Code.NotFound,
      existing: order,
      call: (w, orderId) => clientOf(w, caller).orders.getOrder({ orderId }),
    },
    {
      rpc: "GetOrderHistory",
      caller,
      code: Code.NotFound,
      existing: order,
      call: (w, orderId) => clientOf(w, caller).orders.getOrderHistory({ orderId }),
    },
    {
      rpc: "CancelOrder",
      caller,
      code: Code.NotFound,
      existing: order,
      call: (w, orderId) =>
        clientOf(w, caller).orders.cancelOrder({ orderId, reason: "probe", idempotencyKey: `probe-cancel-${orderId}` }),
    },
  ]),
  ...brands.flatMap((caller): Probe[] => [
    {
      rpc: "UpdateOrderStatus",
      caller,
      code: Code.NotFound,
      existing: order,
      call: (w, orderId) =>
        clientOf(w, caller).orders.updateOrderStatus({
          orderId,
          status: OrderStatus.PREPARING,
          reason: "",
          idempotencyKey: `probe-move-${orderId}`,
        }),
    },
    {
      rpc: "ReturnOrderLines",
      caller,
      code: Code.NotFound,
      existing: order,
      call: (w, orderId) =>
        clientOf(w, caller).orders.returnOrderLines({
          orderId,
          lines: [{ lineNumber: 1, quantity: 1n }],
          reason: "",
          idempotencyKey: `probe-return-${orderId}`,
        }),
    },
    {
      rpc: "GetNotification",
      caller,
      code: Code.NotFound,
      existing: (w) => w.notificationId,
      call: (w, notificationId) => clientOf(w, caller).notifications.getNotification({ notificationId }),
    },
    {
      rpc: "DeleteWebhook",
      caller,
      code: Code.NotFound,
      existing: (w) => w.webhookId,
      call: (w, webhookId) =>
        clientOf(w, caller).notifications.deleteWebhook({ webhookId, idempotencyKey: `probe-delete-${webhookId}` }),
    },
    {
      rpc: "RedriveWebhookDeliveries",
      caller,
      code: Code.NotFound,
      existing: (w) => w.webhookId,
      call: (w, webhookId) =>
        clientOf(w, caller).notifications.redriveWebhookDeliveries({
          brandId: "globex",
          webhookId,
          notificationIds: [],
          idempotencyKey: `probe-redrive-${webhookId}`,
        }),
    },
  ]),
  {
    rpc: "PlaceOrder",
    caller: "partner globex",
    code: Code.NotFound,
    existing: (w) => w.aliceId,
    call: (w, customerId) =>
      w.globexPartner.orders.placeOrder(orderRequest(customerId, "globex", [["MUG", 1]], `probe-place-${customerId}`)),
  },
  ...([...brands, "customer bob", "courier r2"] as const).map(
    (caller): Probe => ({
      rpc: "GetAssignment",
      caller,
      code: Code.NotFound,
      existing: order,
      call: (w, orderId) => clientOf(w, caller).fleet.getAssignment({ orderId }),
    }),
  ),
  {
    rpc: "ReportPickup",
    caller: "courier r2",
    code: Code.NotFound,
    existing: order,
    call: (w, orderId) => w.rider2.fleet.reportPickup({ orderId, idempotencyKey: `probe-pickup-${orderId}` }),
  },
  {
    rpc: "ReportDelivery",
    caller: "courier r2",
    code: Code.NotFound,
    existing: order,
    call: (w, orderId) =>
      w.rider2.fleet.reportDelivery({ orderId, receivedBy: "", note: "", idempotencyKey: `probe-delivery-${orderId}` }),
  },
  {
    rpc: "ReportReturn",
    caller: "courier r2",
    code: Code.NotFound,
    existing: order,
    call: (w, orderId) => w.rider2.fleet.reportReturn({ orderId, note: "", idempotencyKey: `probe-return-${orderId}` }),
  },
  // The caller's role may never act on another's id: refused, and refused alike for a missing one.
  {
    rpc: "GetCourier",
    caller: "courier r2",
    code: Code.PermissionDenied,
    existing: (w) => w.r1,
    call: (w, courierId) => w.rider2.fleet.getCourier({ courierId }),
  },
  {
    rpc: "SetCourierAvailability",
    caller: "courier r2",
    code: Code.PermissionDenied,
    existing: (w) => w.r1,
    call: (w, courierId) =>
      w.rider2.fleet.setCourierAvailability({
        courierId,
        availability: CourierAvailability.OFFLINE,
        reason: "",
        idempotencyKey: `probe-offline-${courierId}`,
      }),
  },
  {
    rpc: "ListAssignments",
    caller: "courier r2",
    code: Code.PermissionDenied,
    existing: (w) => w.r1,
    call: (w, courierId) => w.rider2.fleet.listAssignments({ courierId }),
  },
  {
    rpc: "GetCustomer",
    caller: "customer bob",
    code: Code.PermissionDenied,
    existing: (w) => w.aliceId,
    call: (w, customerId) => w.bob.orders.getCustomer({ customerId }),
  },
  {
    rpc: "UpdateCustomer",
    caller: "customer bob",
    code: Code.PermissionDenied,
    existing: (w) => w.aliceId,
    call: (w, customerId) =>
      w.bob.orders.updateCustomer({
        customerId,
        name: "Mallory",
        updateMask: { paths: ["name"] },
        idempotencyKey: `probe-update-${customerId}`,
      }),
  },
  {
    rpc: "PlaceOrder",
    caller: "customer bob",
    code: Code.PermissionDenied,
    existing: (w) => w.aliceId,
    call: (w, customerId) =>
      w.bob.orders.placeOrder(orderRequest(customerId, "acme", [["MUG", 1]], `probe-place-${customerId}`)),
  },
  {
    rpc: "ListOrders",
    caller: "customer bob",
    code: Code.PermissionDenied,
    existing: (w) => w.aliceId,
    call: (w, customerId) => w.bob.orders.listOrders({ customerId }),
  },
  {
    rpc: "ListActivity",
    caller: "customer bob",
    code: Code.PermissionDenied,
    existing: (w) => w.aliceId,
    call: (w, customerId) => w.bob.notifications.listActivity({ customerId }),
  },
];

/** The code and message a call fails with (a call that succeeds fails the test). */
async function answerOf(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await errorOf(call);
  return { code: Code[error.code], message: error.rawMessage };
}

describe("existence answers (security issue 11)", () => {
  it.each(probes)("$rpc as $caller: another tenant's id is answered like a missing one", async (probe) => {
    // Ids are UUIDs compared case-insensitively: an upper-case spelling must not tell either.
    for (const spell of [(id: string) => id, (id: string) => id.toUpperCase()]) {
      const missing = spell(crypto.randomUUID());
      const existing = spell(probe.existing(world));
      const forMissing = await answerOf(probe.call(world, missing));
      expect(forMissing.code).toBe(Code[probe.code]);
      expect(await answerOf(probe.call(world, existing))).toEqual({
        code: forMissing.code,
        message: forMissing.message.replaceAll(missing, existing),
      });
    }
  });

  it("never replays a rider's report to another courier who sends the same key", async () => {
    const request = { orderId: world.orderId, idempotencyKey: "shared-pickup-key" };
    expect((await world.rider1.fleet.reportPickup(request)).assignment?.status).toBe(AssignmentStatus.EN_ROUTE);
    const missing = crypto.randomUUID();
    const forMissing = await answerOf(world.rider2.fleet.reportPickup({ ...request, orderId: missing }));
    expect(forMissing.code).toBe(Code[Code.NotFound]);
    expect(await answerOf(world.rider2.fleet.reportPickup(request))).toEqual({
      code: forMissing.code,
      message: forMissing.message.replaceAll(missing, world.orderId),
    });
    // The rider's own retry still replays its answer.
    expect((await world.rider1.fleet.reportPickup(request)).assignment?.status).toBe(AssignmentStatus.EN_ROUTE);
  });
});

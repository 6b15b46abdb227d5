import { Code, ConnectError } from "@connectrpc/connect";
import { AssignmentStatus, CourierAvailability, CourierKind } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type {
  ActivityEntry,
  WatchActivityRequest,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Waybill } from "../../sdk/src/index.js";
import { createWaybill } from "../../sdk/src/node.js";
import { fleetService } from "../../services/fleet/index.js";
import { errorOf, orderRequest, waitFor } from "../orders/orders-harness.js";
import { allPages, type NotificationsHarness, startNotificationsHarness } from "./helpers/notifications-harness.js";

let n: NotificationsHarness;
let acme: Waybill;
let ada: { readonly id: string; readonly client: Waybill };
let bob: { readonly id: string; readonly client: Waybill };
let adaOrder: string;
let keys = 0;

/** Follows a WatchActivity stream in the background. */
function follow(
  client: Waybill,
  request: Partial<Pick<WatchActivityRequest, "brandId" | "customerId" | "orderId" | "afterSequence" | "backlog">>,
) {
  const entries: ActivityEntry[] = [];
  const abort = new AbortController();
  let failure: ConnectError | undefined;
  const done = (async () => {
    for await (const { entry } of client.notifications.watchActivity(request, { signal: abort.signal }))
      entries.push(entry!);
  })().catch((error: unknown) => {
    if (!abort.signal.aborted) failure = ConnectError.from(error);
  });
  return {
    entries,
    failure: () => failure,
    until: (count: number) =>
      waitFor(
        async () => entries,
        (list) => list.length >= count || failure !== undefined,
      ),
    async stop() {
      abort.abort();
      await done;
    },
  };
}

const restock = (sku: string, delta: bigint) =>
  acme.inventory.adjustStock({
    brandId: "acme",
    sku,
    delta,
    reason: LedgerReason.RESTOCK,
    idempotencyKey: `restock-${++keys}`,
  });
const summaries = (entries: readonly ActivityEntry[]) => entries.map((entry) => entry.summary);

beforeAll(async () => {
  n = await startNotificationsHarness({ with: [fleetService] });
  acme = await n.h.brand("acme");
  await n.h.stock("acme", "MUG", 10);
  await n.h.stock("globex", "CUP", 10);
  ada = await n.h.customer();
  bob = await n.h.customer();
  const { courier } = await n.h.admin.fleet.registerCourier({
    kind: CourierKind.RIDER,
    name: "Rita",
    zone: "mitte",
    capacity: 2,
    availability: CourierAvailability.ONLINE,
    idempotencyKey: "rita",
  });
  const { order } = await ada.client.orders.placeOrder(
    orderRequest(ada.id, "acme", [["MUG", 2]], "ada-1", { deliveryZone: "mitte" }),
  );
  adaOrder = order!.orderId;
  await bob.client.orders.placeOrder(orderRequest(bob.id, "globex", [["CUP", 1]], "bob-1", { deliveryZone: "mitte" }));
  for (const status of [OrderStatus.PREPARING, OrderStatus.READY_FOR_DISPATCH]) {
    await acme.orders.updateOrderStatus({ orderId: adaOrder, status, idempotencyKey: `move-${status}` });
  }
  await waitFor(
    () => n.h.admin.fleet.getAssignment({ orderId: adaOrder }).catch(() => undefined),
    (r) => r?.assignment?.status === AssignmentStatus.ASSIGNED,
  );
  const rider = createWaybill({
    baseUrl: n.h.waybill.url,
    token: await n.h.waybill.token("courier", undefined, courier!.courierId),
  });
  await rider.fleet.reportPickup({ orderId: adaOrder, idempotencyKey: "pickup" });
  await rider.fleet.reportDelivery({ orderId: adaOrder, receivedBy: "Ada", idempotencyKey: "delivery" });
  await waitFor(
    () => ada.client.notifications.listActivity({}),
    (r) => r.entries.some((entry) => entry.eventType === "waybill.fleet.v1.OrderDelivered"),
  );
}, 90_000);
afterAll(() => n?.stop());

describe("ListActivity", () => {
  it("shows a customer their own activity: joining, the order, the kitchen and the delivery", async () => {
    const { entries } = await ada.client.notifications.listActivity({});
    const ref = adaOrder.slice(0, 8);
    expect(summaries(entries).reverse()).toEqual([
      expect.stringMatching(/^Customer \d+ joined$/),
      `Order ${ref} placed: 2 units, EUR 10.00`,
      `Order ${ref} is being prepared`,
      `Order ${ref} is ready for dispatch`,
      `Order ${ref} assigned to a rider`,
      `Order ${ref} picked up by a rider`,
      expect.stringMatching(new RegExp(`^Order ${ref} is on its way, arriving about \\d\\d:\\d\\d UTC$`)),
      `Order ${ref} was delivered to Ada`,
    ]);
    expect(entries.every((entry) => entry.customerId === ada.id)).toBe(true);
    expect(entries.slice(0, -1).every((entry) => entry.orderId === adaOrder && entry.brandId === "acme")).toBe(true);
    const byOrder = await n.h.admin.notifications.listActivity({ orderId: adaOrder });
    expect(byOrder.entries).toHaveLength(7);
  });

  it("shows a brand its own activity, with the customers it concerns", async () => {
    const { entries } = await acme.notifications.listActivity({ page: { pageSize: 100 } });
    expect(entries.every((entry) => entry.brandId === "acme")).toBe(true);
    expect(entries.some((entry) => entry.customerId === ada.id)).toBe(true);
    expect(entries.some((entry) => entry.customerId === bob.id)).toBe(false);
    const adaAtAcme = await acme.notifications.listActivity({ customerId: ada.id });
    expect(adaAtAcme.entries).toHaveLength(7);
    const bobAtAcme = await acme.notifications.listActivity({ customerId: bob.id });
    expect(bobAtAcme.entries).toEqual([]);
  });

  it("pages newest first with a cursor bound to its feed", async () => {
    const all = (await n.h.admin.notifications.listActivity({ page: { pageSize: 500 } })).entries;
    const sequences = await allPages(async (pageToken) => {
      const page = await n.h.admin.notifications.listActivity({ page: { pageSize: 3, pageToken } });
      return [page.entries.map((entry) => entry.sequence), page.page?.nextPageToken];
    });
    expect(sequences).toEqual(all.map((entry) => entry.sequence));
    expect([...sequences].sort((a, b) => (a < b ? 1 : -1))).toEqual(sequences);
    const token = (await n.h.admin.notifications.listActivity({ page: { pageSize: 1 } })).page!.nextPageToken;
    expect(
      (
        await errorOf(
          n.h.admin.notifications.listActivity({ brandId: "acme", page: { pageSize: 1, pageToken: token } }),
        )
      ).code,
    ).toBe(Code.InvalidArgument);
  });

  it("refuses another customer's or another brand's feed", async () => {
    expect((await errorOf(ada.client.notifications.listActivity({ customerId: bob.id }))).code).toBe(
      Code.PermissionDenied,
    );
    expect((await errorOf(acme.notifications.listActivity({ brandId: "globex" }))).code).toBe(Code.PermissionDenied);
    const courier = await n.h.waybill.as("courier");
    expect((await errorOf(courier.notifications.listActivity({}))).code).toBe(Code.PermissionDenied);
  });
});

describe("WatchActivity", () => {
  it("sends a brand the latest entries, then every new one as it is recorded, oldest first", async () => {
    const latest = (await acme.notifications.listActivity({ page: { pageSize: 2 } })).entries;
    const watch = follow(acme, { backlog: 2 });
    try {
      await watch.until(2);
      expect(watch.entries.map((entry) => entry.sequence)).toEqual(latest.map((entry) => entry.sequence).reverse());
      await restock("MUG", 5n);
      await n.h.admin.inventory.adjustStock({
        brandId: "globex",
        sku: "CUP",
        delta: 1n,
        reason: LedgerReason.RESTOCK,
        idempotencyKey: "globex-in",
      });
      await restock("MUG", 1n);
      await watch.until(4);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(summaries(watch.entries.slice(2))).toEqual([
        "MUG restocked +5 (available 13)",
        "MUG restocked +1 (available 14)",
      ]);
      expect(watch.entries.every((entry) => entry.brandId === "acme")).toBe(true);
    } finally {
      await watch.stop();
    }
  });

  it("resumes after a sequence, missing nothing in between", async () => {
    const [mark] = (await acme.notifications.listActivity({ page: { pageSize: 1 } })).entries;
    await restock("MUG", 2n);
    await restock("MUG", 3n);
    await waitFor(
      () => acme.notifications.listActivity({ page: { pageSize: 1 } }),
      (r) => r.entries[0]!.summary.startsWith("MUG restocked +3"),
    );
    const watch = follow(acme, { afterSequence: mark!.sequence });
    try {
      await watch.until(2);
      await restock("MUG", 4n);
      await watch.until(3);
      expect(summaries(watch.entries)).toEqual([
        "MUG restocked +2 (available 16)",
        "MUG restocked +3 (available 19)",
        "MUG restocked +4 (available 23)",
      ]);
    } finally {
      await watch.stop();
    }
  });

  it("follows one customer's activity only", async () => {
    const [latest] = (await ada.client.notifications.listActivity({ page: { pageSize: 1 } })).entries;
    const watch = follow(ada.client, { afterSequence: latest!.sequence });
    const other = follow(bob.client, {});
    try {
      await n.h.stock("acme", "TEA", 5);
      const { order } = await ada.client.orders.placeOrder(
        orderRequest(ada.id, "acme", [["TEA", 1]], "ada-2", { deliveryZone: "mitte" }),
      );
      await ada.client.orders.cancelOrder({
        orderId: order!.orderId,
        reason: "changed my mind",
        idempotencyKey: "ada-cancel",
      });
      await watch.until(2);
      const ref = order!.orderId.slice(0, 8);
      expect(summaries(watch.entries)).toEqual([
        `Order ${ref} placed: 1 units, EUR 5.00`,
        `Order ${ref} is cancelled (changed my mind)`,
      ]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(other.entries).toEqual([]);
    } finally {
      await watch.stop();
      await other.stop();
    }
  });

  it("refuses to stream another customer's or another brand's feed", async () => {
    const spy = follow(ada.client, { customerId: bob.id });
    const rival = follow(acme, { brandId: "globex" });
    await spy.until(1);
    await rival.until(1);
    expect(spy.failure()?.code).toBe(Code.PermissionDenied);
    expect(rival.failure()?.code).toBe(Code.PermissionDenied);
    await spy.stop();
    await rival.stop();
  });
});

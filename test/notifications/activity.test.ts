import { Code, ConnectError } from "@connectrpc/connect";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type {
  ActivityEntry,
  WatchActivityRequest,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import type { Waybill } from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fleetService } from "../../services/fleet/index.js";
import { allPages, errorOf, eventsSettled, orderRequest, waitFor } from "../support/index.js";
import { type NotificationsHarness, startNotificationsHarness } from "./helpers/notifications-harness.js";

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
    /** Waits until an entry whose summary starts with `summary` has arrived (or the watch failed). */
    untilSummary: (summary: string) =>
      waitFor(
        async () => entries,
        (list) => list.some((entry) => entry.summary.startsWith(summary)) || failure !== undefined,
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
  acme = await n.brand("acme");
  await n.stock("acme", "MUG", 10);
  await n.stock("globex", "CUP", 10);
  ada = await n.customer();
  bob = await n.customer();
  await n.rider("mitte");
  const { order } = await ada.client.orders.placeOrder(
    orderRequest(ada.id, "acme", [["MUG", 2]], "ada-1", { deliveryZone: "mitte" }),
  );
  adaOrder = order!.orderId;
  await bob.client.orders.placeOrder(orderRequest(bob.id, "globex", [["CUP", 1]], "bob-1", { deliveryZone: "mitte" }));
  await n.deliverByRider(adaOrder, "acme");
  // Every event so far is in the feed: each test starts from a feed that no longer changes.
  await eventsSettled(n.env);
}, 90_000);
afterAll(() => n?.stop());

describe("ListActivity", () => {
  it("shows a customer their own activity: joining, the order, the kitchen and the delivery", async () => {
    const { entries } = await ada.client.notifications.listActivity({});
    const ref = adaOrder.slice(0, 8);
    // Each stream's events are recorded in its order; Orders' and Fleet's streams are consumed side
    // by side, so how their entries interleave is not fixed.
    const oldestFirst = [...entries].reverse();
    const from = (domain: string) =>
      summaries(oldestFirst.filter((entry) => entry.eventType.startsWith(`waybill.${domain}.`)));
    expect(from("orders")).toEqual([
      expect.stringMatching(/^Customer \d+ joined$/),
      `Order ${ref} placed: 2 units, EUR 10.00`,
      `Order ${ref} is being prepared`,
      `Order ${ref} is ready for dispatch`,
    ]);
    expect(from("fleet")).toEqual([
      `Order ${ref} assigned to a rider`,
      `Order ${ref} picked up by a rider`,
      expect.stringMatching(new RegExp(`^Order ${ref} is on its way, arriving about \\d\\d:\\d\\d UTC$`)),
      `Order ${ref} was delivered to Ada`,
    ]);
    expect(entries).toHaveLength(8);
    expect(entries.every((entry) => entry.customerId === ada.id)).toBe(true);
    expect(entries.slice(0, -1).every((entry) => entry.orderId === adaOrder && entry.brandId === "acme")).toBe(true);
    const byOrder = await n.admin.notifications.listActivity({ orderId: adaOrder });
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
    const all = (await n.admin.notifications.listActivity({ page: { pageSize: 500 } })).entries;
    const sequences = await allPages(async (pageToken) => {
      const page = await n.admin.notifications.listActivity({ page: { pageSize: 3, pageToken } });
      return [page.entries.map((entry) => entry.sequence), page.page?.nextPageToken];
    });
    expect(sequences).toEqual(all.map((entry) => entry.sequence));
    expect([...sequences].sort((a, b) => (a < b ? 1 : -1))).toEqual(sequences);
    const token = (await n.admin.notifications.listActivity({ page: { pageSize: 1 } })).page!.nextPageToken;
    expect(
      (await errorOf(n.admin.notifications.listActivity({ brandId: "acme", page: { pageSize: 1, pageToken: token } })))
        .code,
    ).toBe(Code.InvalidArgument);
  });

  it("refuses another customer's or another brand's feed", async () => {
    expect((await errorOf(ada.client.notifications.listActivity({ customerId: bob.id }))).code).toBe(
      Code.PermissionDenied,
    );
    expect((await errorOf(acme.notifications.listActivity({ brandId: "globex" }))).code).toBe(Code.PermissionDenied);
    const courier = await n.as("courier");
    expect((await errorOf(courier.notifications.listActivity({}))).code).toBe(Code.PermissionDenied);
  });
});

describe("WatchActivity", () => {
  it("sends a brand the latest entries, then every new one as it is recorded, oldest first", async () => {
    await n.stock("acme", "SALT", 0);
    await eventsSettled(n.env);
    const latest = (await acme.notifications.listActivity({ page: { pageSize: 2 } })).entries;
    const watch = follow(acme, { backlog: 2 });
    try {
      await watch.until(2);
      expect(watch.entries.map((entry) => entry.sequence)).toEqual(latest.map((entry) => entry.sequence).reverse());
      await restock("SALT", 5n);
      await n.admin.inventory.adjustStock({
        brandId: "globex",
        sku: "CUP",
        delta: 1n,
        reason: LedgerReason.RESTOCK,
        idempotencyKey: "globex-in",
      });
      await restock("SALT", 1n);
      // Recorded after globex's restock: once it has arrived, globex's would have come before it.
      await watch.untilSummary("SALT restocked +1");
      expect(summaries(watch.entries.slice(2))).toEqual([
        "SALT restocked +5 (available 5)",
        "SALT restocked +1 (available 6)",
      ]);
      expect(watch.entries.every((entry) => entry.brandId === "acme")).toBe(true);
    } finally {
      await watch.stop();
    }
  });

  it("resumes after a sequence, missing nothing in between", async () => {
    await n.stock("acme", "JAM", 0);
    await eventsSettled(n.env);
    const [mark] = (await acme.notifications.listActivity({ page: { pageSize: 1 } })).entries;
    await restock("JAM", 2n);
    await restock("JAM", 3n);
    await waitFor(
      () => acme.notifications.listActivity({ page: { pageSize: 1 } }),
      (r) => r.entries[0]!.summary.startsWith("JAM restocked +3"),
    );
    const watch = follow(acme, { afterSequence: mark!.sequence });
    try {
      await watch.until(2);
      await restock("JAM", 4n);
      await watch.untilSummary("JAM restocked +4");
      expect(summaries(watch.entries)).toEqual([
        "JAM restocked +2 (available 2)",
        "JAM restocked +3 (available 5)",
        "JAM restocked +4 (available 9)",
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
      await n.stock("acme", "TEA", 5);
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
      // Bob's own next order is recorded after Ada's: once it has reached his watch, nothing of
      // Ada's did before it.
      const { order: bobs } = await bob.client.orders.placeOrder(
        orderRequest(bob.id, "globex", [["CUP", 1]], "bob-2", { deliveryZone: "mitte" }),
      );
      await other.until(1);
      expect(summaries(other.entries)).toEqual([`Order ${bobs!.orderId.slice(0, 8)} placed: 1 units, EUR 5.00`]);
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

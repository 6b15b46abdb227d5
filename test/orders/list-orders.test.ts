import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import { SortDirection } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import { type Order, OrderSortField, OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Waybill } from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clockPast, errorOf, orderRequest, readPages } from "../support/index.js";
import { type OrdersHarness, startOrdersHarness } from "./orders-harness.js";

let harness: OrdersHarness;
let alice: { readonly id: string; readonly client: Waybill };
let bob: { readonly id: string; readonly client: Waybill };
let all: Order[] = [];
let middle: Date;

beforeAll(async () => {
  harness = await startOrdersHarness();
  alice = await harness.customer();
  bob = await harness.customer();
  for (const brand of ["acme", "globex"]) await harness.stock(brand, "BOX", 1000, 100);
  const place = async (who: typeof alice, brand: string, quantity: number, key: string) =>
    (await who.client.orders.placeOrder(orderRequest(who.id, brand, [["BOX", quantity]], key))).order!;
  for (let i = 1; i <= 4; i++) all.push(await place(alice, "acme", i, `a-acme-${i}`));
  // `middle` is a millisecond after the fourth order and no later than the fifth.
  const created = (order: Order) => timestampDate(order.createTime!);
  middle = new Date(created(all[3]!).getTime() + 1);
  await clockPast(created(all[3]!));
  for (let i = 1; i <= 3; i++) all.push(await place(bob, "acme", 10 + i, `b-acme-${i}`));
  for (let i = 1; i <= 2; i++) all.push(await place(alice, "globex", 20 + i, `a-globex-${i}`));
  // The two orders changed below are the last updated, strictly after every placement.
  await clockPast(created(all.at(-1)!));
  const kitchen = await harness.brand("acme");
  await kitchen.orders.updateOrderStatus({
    orderId: all[1]!.orderId,
    status: OrderStatus.PREPARING,
    reason: "",
    idempotencyKey: "p1",
  });
  await kitchen.orders.cancelOrder({ orderId: all[4]!.orderId, reason: "", idempotencyKey: "c1" });
  all = await Promise.all(all.map(async (o) => (await harness.admin.orders.getOrder({ orderId: o.orderId })).order!));
});
afterAll(() => harness?.stop());

const ids = (orders: readonly Order[]) => orders.map((o) => o.orderId);
const newestFirst = (orders: readonly Order[]) => [...orders].sort((a, b) => compareTime(b, a));
function compareTime(a: Order, b: Order): number {
  const diff =
    Number(a.createTime!.seconds - b.createTime!.seconds) * 1e9 + (a.createTime!.nanos - b.createTime!.nanos);
  return diff !== 0 ? diff : a.orderId < b.orderId ? -1 : 1;
}

/** Every page of a list, following the tokens: the orders seen and the number of pages. */
async function everyPage(list: (pageToken: string) => Promise<{ orders: Order[]; page?: { nextPageToken: string } }>) {
  const pages = await readPages(async (pageToken) => {
    const page = await list(pageToken);
    return [page.orders, page.page?.nextPageToken];
  });
  return { seen: pages.flat(), pages: pages.length };
}

describe("ListOrders", () => {
  it("gives an admin with an empty request the first page over all brands, newest first", async () => {
    const page = await harness.admin.orders.listOrders({});
    expect(ids(page.orders)).toEqual(ids(newestFirst(all)));
    expect(page.page?.nextPageToken).toBe("");
  });

  it("filters by customer, brand, status and creation time", async () => {
    const acmeAlice = await harness.admin.orders.listOrders({ brandId: "acme", customerId: alice.id });
    expect(ids(acmeAlice.orders)).toEqual(ids(newestFirst(all.slice(0, 4))));
    const statuses = await harness.admin.orders.listOrders({
      statuses: [OrderStatus.PREPARING, OrderStatus.CANCELLED],
    });
    expect(ids(statuses.orders).sort()).toEqual([all[1]!.orderId, all[4]!.orderId].sort());
    const later = await harness.admin.orders.listOrders({ brandId: "acme", createdAfter: timestampFromDate(middle) });
    expect(ids(later.orders)).toEqual(ids(newestFirst(all.slice(4, 7))));
    const earlier = await harness.admin.orders.listOrders({ createdBefore: timestampFromDate(middle) });
    expect(ids(earlier.orders)).toEqual(ids(newestFirst(all.slice(0, 4))));
  });

  it("sorts by total both ways and pages with a cursor without overlap", async () => {
    const byTotal = (direction: SortDirection) => (pageToken: string) =>
      harness.admin.orders.listOrders({
        sortField: OrderSortField.TOTAL,
        sortDirection: direction,
        page: { pageSize: 2, pageToken },
      });
    const ascending = await everyPage(byTotal(SortDirection.ASCENDING));
    expect(ascending.pages).toBe(5);
    expect(ascending.seen.map((o) => o.total?.minorUnits)).toEqual(
      all.map((o) => o.total!.minorUnits).sort((a, b) => Number(a - b)),
    );
    const descending = await everyPage(byTotal(SortDirection.DESCENDING));
    expect(ids(descending.seen)).toEqual(ids(ascending.seen).reverse());
    const byUpdate = await everyPage((pageToken) =>
      harness.admin.orders.listOrders({
        sortField: OrderSortField.UPDATE_TIME,
        sortDirection: SortDirection.ASCENDING,
        page: { pageSize: 4, pageToken },
      }),
    );
    expect(new Set(ids(byUpdate.seen)).size).toBe(all.length);
    expect(ids(byUpdate.seen).slice(-2).sort()).toEqual([all[1]!.orderId, all[4]!.orderId].sort());
  });

  it("pages by creation time, newest first, without overlap and refuses a forged token", async () => {
    const byCreation = await everyPage((pageToken) =>
      harness.admin.orders.listOrders({ page: { pageSize: 2, pageToken } }),
    );
    expect(byCreation.pages).toBe(5);
    expect(ids(byCreation.seen)).toEqual(ids(newestFirst(all)));
    const forged = await errorOf(harness.admin.orders.listOrders({ page: { pageSize: 2, pageToken: "bm9wZQ" } }));
    expect(forged.code).toBe(Code.InvalidArgument);
    expect(forged.rawMessage).toMatch(/page\.page_token/);
  });

  it("refuses a page token with other filters or sort", async () => {
    const first = await harness.admin.orders.listOrders({ page: { pageSize: 2 } });
    const token = first.page!.nextPageToken;
    expect(token).not.toBe("");
    const otherFilter = await errorOf(
      harness.admin.orders.listOrders({ brandId: "acme", page: { pageSize: 2, pageToken: token } }),
    );
    expect(otherFilter.code).toBe(Code.InvalidArgument);
    const otherSort = await errorOf(
      harness.admin.orders.listOrders({ sortField: OrderSortField.TOTAL, page: { pageSize: 2, pageToken: token } }),
    );
    expect(otherSort.code).toBe(Code.InvalidArgument);
  });

  it("shows a customer only their own orders and a brand only its own, refusing other tenants", async () => {
    expect(ids((await alice.client.orders.listOrders({})).orders).sort()).toEqual(
      ids(all.filter((o) => o.customerId === alice.id)).sort(),
    );
    expect((await errorOf(alice.client.orders.listOrders({ customerId: bob.id }))).code).toBe(Code.PermissionDenied);
    const globex = await harness.brand("globex");
    expect(ids((await globex.orders.listOrders({})).orders).sort()).toEqual(
      ids(all.filter((o) => o.brandId === "globex")).sort(),
    );
    expect((await errorOf(globex.orders.listOrders({ brandId: "acme" }))).code).toBe(Code.PermissionDenied);
    // Another tenant's order is answered like a missing one.
    expect((await errorOf(alice.client.orders.getOrder({ orderId: all[4]!.orderId }))).code).toBe(Code.NotFound);
    expect((await errorOf(globex.orders.getOrderHistory({ orderId: all[0]!.orderId }))).code).toBe(Code.NotFound);
    expect((await errorOf(globex.orders.getOrder({ orderId: crypto.randomUUID() }))).code).toBe(Code.NotFound);
  });
});

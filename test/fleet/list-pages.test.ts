import { Code } from "@connectrpc/connect";
import { AssignmentStatus, CourierKind, CourierState } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, type PageReader, readPages } from "../support/index.js";
import { type FleetHarness, startFleetHarness } from "./helpers/fleet-harness.js";

let h: FleetHarness;

beforeAll(async () => {
  h = await startFleetHarness();
});
afterAll(() => h?.stop());

/** Every page of a list: its items, and the sizes of the pages. */
async function everyPage<T>(read: PageReader<T>): Promise<{ items: T[]; sizes: number[] }> {
  const pages = await readPages(read);
  return { items: pages.flat(), sizes: pages.map((page) => page.length) };
}

describe("list pages", () => {
  it("pages through couriers by zone, name and id, within the filters the token was made for", async () => {
    const names = ["Erin", "Ada", "Dora", "Bea", "Cleo"];
    const sorted = [...names].sort();
    for (const name of names) await h.courier("rider", "paging", { name });
    await h.courier("drone", "paging", { name: "Zed" });

    const riders = await everyPage(async (pageToken) => {
      const page = await h.admin.fleet.listCouriers({
        zone: "paging",
        kind: CourierKind.RIDER,
        page: { pageSize: 2, pageToken },
      });
      return [page.couriers, page.page?.nextPageToken];
    });
    expect(riders.items.map((courier) => courier.name)).toEqual(sorted);
    expect(riders.sizes).toEqual([2, 2, 1]);

    const first = await h.admin.fleet.listCouriers({ zone: "paging", page: { pageSize: 2 } });
    const token = first.page?.nextPageToken ?? "";
    expect(token).not.toBe("");
    const rest = await h.admin.fleet.listCouriers({ zone: "paging", page: { pageSize: 10, pageToken: token } });
    expect([...first.couriers, ...rest.couriers].map((courier) => courier.name)).toEqual([...sorted, "Zed"]);
    expect(rest.page?.nextPageToken).toBe("");

    const foreign = await errorOf(
      h.admin.fleet.listCouriers({ zone: "paging", states: [CourierState.READY], page: { pageToken: token } }),
    );
    expect(foreign).toMatchObject({ code: Code.InvalidArgument });
    expect(foreign.message).toContain("page.page_token");
    const forged = await errorOf(h.admin.fleet.listCouriers({ page: { pageToken: "not-a-token" } }));
    expect(forged).toMatchObject({ code: Code.InvalidArgument });
    expect(forged.message).toContain("page.page_token");
  });

  it("pages through assignments oldest first, each with its queue position", async () => {
    const orders = [];
    for (let i = 0; i < 3; i++) {
      const id = await h.ready("paging-queue");
      await h.waitAssignment(id, (a) => a.status === AssignmentStatus.QUEUED);
      orders.push(id);
    }
    const listed = await everyPage(async (pageToken) => {
      const page = await h.admin.fleet.listAssignments({ zone: "paging-queue", page: { pageSize: 2, pageToken } });
      return [page.assignments, page.page?.nextPageToken];
    });
    expect(listed.items.map((assignment) => assignment.orderId)).toEqual(orders);
    expect(listed.items.map((assignment) => Number(assignment.queuePosition))).toEqual([1, 2, 3]);
    expect(listed.sizes).toEqual([2, 1]);

    const first = await h.admin.fleet.listAssignments({ zone: "paging-queue", page: { pageSize: 1 } });
    const foreign = await errorOf(
      h.admin.fleet.listAssignments({
        zone: "paging-queue",
        statuses: [AssignmentStatus.QUEUED],
        page: { pageToken: first.page?.nextPageToken ?? "" },
      }),
    );
    expect(foreign).toMatchObject({ code: Code.InvalidArgument });
    expect(foreign.message).toContain("page.page_token");
  });
});

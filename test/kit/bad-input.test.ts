import { randomUUID } from "node:crypto";
import { Code, type ConnectError } from "@connectrpc/connect";
import { CourierAvailability, CourierKind } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlatformClient } from "../../services/campaigns/platform/index.js";
import type { PlatformSimulator } from "../../services/campaigns/simulator/index.js";
import { encodeCursor } from "../../services/kit/pagination/index.js";
import { campaignRequest, eur, platformEnv, startSimulator } from "../campaigns/helpers/campaigns-harness.js";
import { errorOf, itemRequest, orderRequest, waitFor } from "../support/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";

// Every kind of bad input is the caller's mistake: INVALID_ARGUMENT (400), never INTERNAL (500).
let waybill: TestWaybill;
let simulator: PlatformSimulator;
let platform: PlatformClient;
let admin: Waybill;
let acme: Waybill;
const nul = "\u0000";

beforeAll(async () => {
  ({ simulator, platform } = await startSimulator());
  waybill = await startTestWaybill({ env: platformEnv(simulator) });
  admin = await waybill.as("admin");
  acme = await waybill.as("brand", "acme");
  await acme.inventory.createItem(itemRequest("acme", "MUG-1"));
}, 60_000);

afterAll(async () => {
  await waybill?.stop();
  await simulator?.close();
});

function expectInvalid(error: ConnectError, field?: string): void {
  expect(error.code, error.rawMessage).toBe(Code.InvalidArgument);
  if (field) expect(error.rawMessage).toContain(field);
}

describe("control characters", () => {
  it("refuses a NUL in any free-text field, naming the field", async () => {
    const customer = await errorOf(
      admin.orders.createCustomer({ name: `Ada${nul}`, email: "ada@example.com", idempotencyKey: "c-nul" }),
    );
    expectInvalid(customer, "name must not contain control characters");
    const order = orderRequest(randomUUID(), "acme", [["MUG-1", 1]], "o-nul");
    order.deliveryAddress = { ...order.deliveryAddress, line2: `Hinterhaus${nul}` } as typeof order.deliveryAddress;
    expectInvalid(await errorOf(admin.orders.placeOrder(order)), "delivery_address.line2");
    expectInvalid(await errorOf(acme.inventory.createItem(itemRequest("acme", "NUL-1", { name: `M${nul}` }))), "name");
    const adjust = { brandId: "acme", sku: "MUG-1", delta: 1n, reason: LedgerReason.RESTOCK };
    expectInvalid(
      await errorOf(acme.inventory.adjustStock({ ...adjust, reference: `r${nul}`, idempotencyKey: "a-1" })),
      "reference",
    );
    expectInvalid(
      await errorOf(acme.inventory.adjustStock({ ...adjust, idempotencyKey: `k${nul}` })),
      "idempotency_key",
    );
    expectInvalid(await errorOf(acme.inventory.listItems({ brandId: "acme", query: `m${nul}` })), "query");
    expectInvalid(
      await errorOf(
        acme.notifications.registerWebhook({
          brandId: "acme",
          url: "https://hooks.example.com/acme",
          description: `d${nul}`,
          idempotencyKey: "w-nul",
        }),
      ),
      "description",
    );
    // A line feed is no control character worth refusing: free text may span lines.
    const { entry } = await acme.inventory.adjustStock({
      ...adjust,
      reference: "count\nsheet 4",
      idempotencyKey: "a-2",
    });
    expect(entry?.reference).toBe("count\nsheet 4");
  });

  it("refuses other control characters too, over raw Connect JSON", async () => {
    const response = await fetch(`${waybill.url}/waybill.orders.v1.OrderService/CreateCustomer`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await waybill.token("admin")}` },
      body: JSON.stringify({ name: "Ada\u001b[31m", email: "ada@example.com", idempotencyKey: "c-esc" }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "invalid_argument" });
  });

  it("creates nothing on the ad platform for a campaign whose name holds a NUL", async () => {
    const error = await errorOf(acme.campaigns.createCampaign(campaignRequest("acme", { name: `Spring${nul}` })));
    expectInvalid(error, "name");
    expect(await platform.listAll("acme")).toEqual([]);
  });
});

describe("bounds of money and counts", () => {
  it("refuses a unit price beyond what an order total can carry exactly", async () => {
    for (const price of [2n ** 53n + 1n, 9_223_372_036_854_775_807n, 100_000_001n]) {
      const error = await errorOf(acme.inventory.createItem(itemRequest("acme", `BIG-${price}`, { price })));
      expectInvalid(error, "unit_price");
    }
    await acme.inventory.createItem(itemRequest("acme", "TOP-1", { price: 100_000_000n }));
  });

  it("refuses a campaign budget beyond its bound", async () => {
    const error = await errorOf(acme.campaigns.createCampaign(campaignRequest("acme", { budget: eur(2 ** 53) })));
    expectInvalid(error, "budget");
    expect(await platform.listAll("acme")).toEqual([]);
  });
});

describe("times", () => {
  it("refuses a timestamp outside years 1 to 9999, naming the field", async () => {
    const far = { seconds: 10n ** 15n, nanos: 0 };
    expectInvalid(await errorOf(admin.orders.listOrders({ createdAfter: far })), "created_after");
    const early = { seconds: -(10n ** 12n), nanos: 0 };
    expectInvalid(await errorOf(admin.notifications.listNotifications({ createdAfter: early })), "created_after");
    const startTime = { seconds: 1_800_000_000n, nanos: 1_000_000_000 };
    const error = await errorOf(acme.campaigns.createCampaign(campaignRequest("acme", { startTime } as never)));
    expectInvalid(error, "start_time");
    expect(await platform.listAll("acme")).toEqual([]);
  });
});

describe("undecodable bodies", () => {
  // Field 1 (a string) announcing 5 bytes, followed by only one: "premature EOF".
  const truncated = new Uint8Array([0x0a, 0x05, 0x61]);

  it("answers a truncated binary Connect body with INVALID_ARGUMENT", async () => {
    const response = await fetch(`${waybill.url}/waybill.inventory.v1.InventoryService/GetItem`, {
      method: "POST",
      headers: { "content-type": "application/proto", authorization: `Bearer ${await waybill.token("admin")}` },
      body: truncated,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "invalid_argument" });
  });

  it("answers a truncated gRPC-Web message with INVALID_ARGUMENT", async () => {
    const frame = new Uint8Array([0, 0, 0, 0, truncated.length, ...truncated]);
    const response = await fetch(`${waybill.url}/waybill.inventory.v1.InventoryService/GetItem`, {
      method: "POST",
      headers: {
        "content-type": "application/grpc-web+proto",
        authorization: `Bearer ${await waybill.token("admin")}`,
      },
      body: frame,
    });
    const body = Buffer.from(await response.arrayBuffer()).toString("latin1");
    const status = response.headers.get("grpc-status") ?? /grpc-status:\s*(\d+)/.exec(body)?.[1];
    expect(status).toBe(String(Code.InvalidArgument));
  });
});

describe("credentials", () => {
  it("refuses a customer token whose subject is not a customer id", async () => {
    const stranger = await waybill.asCustomer("not-a-uuid");
    expectInvalid(await errorOf(stranger.orders.listOrders({})), "subject");
  });
});

/** `token` with its key part replaced by `key` and every other part (scope, signature) kept. */
function forge(token: string, key: Record<string, string | number>): string {
  const [payload = "", ...signature] = token.split(".");
  const { s } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { s: string };
  const forged = Buffer.from(JSON.stringify({ k: key, s }), "utf8").toString("base64url");
  return [forged, ...signature].join(".");
}

describe("forged page tokens", () => {
  const longAgo = "-271821-04-20T00:00:00.000Z";

  it("refuses a token whose key part was forged, for every list", async () => {
    // Lists with two rows hand out a real token; the others get one written as they would (same
    // scope, same key), which is how a client would see it.
    for (const n of [1, 2]) {
      await admin.fleet.registerCourier({
        kind: CourierKind.RIDER,
        name: `Rider ${n}`,
        zone: "berlin-mitte",
        capacity: 1,
        availability: CourierAvailability.ONLINE,
        idempotencyKey: `rider-${n}`,
      });
      await admin.orders.createCustomer({ name: `Customer ${n}`, email: `c${n}@example.com`, idempotencyKey: `c${n}` });
      await acme.inventory.createItem(itemRequest("acme", `ACT-${n}`));
    }
    const couriers = await admin.fleet.listCouriers({ page: { pageSize: 1 } });
    const notifications = await waitFor(
      () => admin.notifications.listNotifications({ page: { pageSize: 1 } }),
      (page) => page.page?.nextPageToken !== "",
    );
    const activity = await waitFor(
      () => acme.notifications.listActivity({ brandId: "acme", page: { pageSize: 1 } }),
      (page) => page.page?.nextPageToken !== "",
    );
    const webhooks = encodeCursor({ created: new Date().toISOString(), id: randomUUID() }, "");
    const assignments = encodeCursor(
      { created: new Date().toISOString(), id: randomUUID() },
      JSON.stringify(["assignments", "", "", []]),
    );
    const [webhookList, assignmentList, courierList, notificationList, activityList] = [
      errorOf(
        admin.notifications.listWebhooks({
          page: { pageSize: 1, pageToken: forge(webhooks, { created: longAgo, id: randomUUID() }) },
        }),
      ),
      errorOf(
        admin.fleet.listAssignments({
          page: { pageSize: 1, pageToken: forge(assignments, { created: longAgo, id: randomUUID() }) },
        }),
      ),
      errorOf(
        admin.fleet.listCouriers({
          page: {
            pageSize: 1,
            pageToken: forge(couriers.page!.nextPageToken, { zone: nul, name: nul, id: randomUUID() }),
          },
        }),
      ),
      errorOf(
        admin.notifications.listNotifications({
          page: {
            pageSize: 1,
            pageToken: forge(notifications.page!.nextPageToken, { created: longAgo, id: randomUUID() }),
          },
        }),
      ),
      errorOf(
        acme.notifications.listActivity({
          brandId: "acme",
          page: { pageSize: 1, pageToken: forge(activity.page!.nextPageToken, { sequence: Number.MAX_SAFE_INTEGER }) },
        }),
      ),
    ];
    const refusals = {
      webhooks: await webhookList,
      assignments: await assignmentList,
      couriers: await courierList,
      notifications: await notificationList,
      activity: await activityList,
    };
    const answers = Object.fromEntries(Object.entries(refusals).map(([list, e]) => [list, [e.code, e.rawMessage]]));
    const refused = [Code.InvalidArgument, "page.page_token is not a token this list returned"];
    expect(answers).toEqual({
      webhooks: refused,
      assignments: refused,
      couriers: refused,
      notifications: refused,
      activity: refused,
    });
  });
});

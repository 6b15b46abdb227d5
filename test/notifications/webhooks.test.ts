import { Code } from "@connectrpc/connect";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import {
  type Notification,
  NotificationChannel,
  NotificationStatus,
  NotificationTemplate,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Waybill } from "../../sdk/src/index.js";
import { WebhookHeaders } from "../../sdk/src/index.js";
import { encodeCursor } from "../../services/kit/pagination/index.js";
import { errorOf, waitFor } from "../orders/orders-harness.js";
import { allPages, type NotificationsHarness, startNotificationsHarness } from "./helpers/notifications-harness.js";

let n: NotificationsHarness;
let acme: Waybill;
let keys = 0;

beforeAll(async () => {
  n = await startNotificationsHarness();
  acme = await n.h.brand("acme");
  await n.h.admin.inventory.createItem({
    brandId: "acme",
    sku: "BULB",
    name: "Bulb",
    unitPrice: { currencyCode: "EUR", minorUnits: 300n },
    lowStockThreshold: 2n,
    idempotencyKey: "bulb",
  });
});
afterAll(() => n?.stop());

/** Registers a webhook of acme at a path of the receiver and teaches the receiver its secret. */
async function register(path: string, eventTypes: string[] = [], client: Waybill = acme, brandId = "acme") {
  const response = await client.notifications.registerWebhook({
    brandId,
    url: n.receiver.url(path),
    eventTypes,
    description: path,
    idempotencyKey: `register-${path}`,
  });
  n.receiver.secret(path, response.signingSecret);
  return response.webhook!;
}

const adjust = (delta: bigint) =>
  acme.inventory.adjustStock({
    brandId: "acme",
    sku: "BULB",
    delta,
    reason: delta > 0n ? LedgerReason.RESTOCK : LedgerReason.ADJUSTMENT,
    idempotencyKey: `bulb-${++keys}`,
  });

const deliveriesOf = (webhookId: string) => n.notifications({ channel: NotificationChannel.WEBHOOK, webhookId });
const settled = (list: readonly Notification[], count: number, status = NotificationStatus.SENT) =>
  list.length >= count && list.every((item) => item.status === status);

describe("registering webhooks", () => {
  it("shows the signing secret once, on registration and its replay, and never lists it", async () => {
    const request = {
      brandId: "acme",
      url: n.receiver.url("/all"),
      description: "everything",
      idempotencyKey: "register-/all",
    };
    const first = await acme.notifications.registerWebhook(request);
    expect(first.signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(first.webhook).toMatchObject({
      brandId: "acme",
      url: n.receiver.url("/all"),
      eventTypes: [],
      description: "everything",
    });
    const replay = await acme.notifications.registerWebhook(request);
    expect(replay.signingSecret).toBe(first.signingSecret);
    expect(replay.webhook?.webhookId).toBe(first.webhook?.webhookId);
    n.receiver.secret("/all", first.signingSecret);

    const listed = await acme.notifications.listWebhooks({});
    expect(listed.webhooks.map((webhook) => webhook.webhookId)).toEqual([first.webhook!.webhookId]);
    expect(JSON.stringify(listed.webhooks.map((webhook) => ({ ...webhook, createTime: undefined })))).not.toContain(
      first.signingSecret,
    );
  });

  it("refuses a second webhook at one URL, unknown event types, bad URLs and other brands", async () => {
    const base = { brandId: "acme", url: n.receiver.url("/all"), idempotencyKey: "again" };
    expect((await errorOf(acme.notifications.registerWebhook(base))).code).toBe(Code.AlreadyExists);
    expect(
      (
        await errorOf(
          acme.notifications.registerWebhook({
            ...base,
            url: n.receiver.url("/x"),
            eventTypes: ["waybill.inventory.v1.NoSuchEvent"],
          }),
        )
      ).code,
    ).toBe(Code.InvalidArgument);
    const ownEvents = await errorOf(
      acme.notifications.registerWebhook({
        ...base,
        url: n.receiver.url("/x"),
        eventTypes: ["waybill.notifications.v1.NotificationSent"],
      }),
    );
    expect(ownEvents.code).toBe(Code.InvalidArgument);
    expect((await errorOf(acme.notifications.registerWebhook({ ...base, url: "ftp://files.example/in" }))).code).toBe(
      Code.InvalidArgument,
    );
    const globex = await n.h.brand("globex");
    expect((await errorOf(globex.notifications.registerWebhook({ ...base, url: n.receiver.url("/steal") }))).code).toBe(
      Code.PermissionDenied,
    );
    expect((await errorOf(globex.notifications.listWebhooks({ brandId: "acme" }))).code).toBe(Code.PermissionDenied);
  });
});

describe("deliveries", () => {
  it("posts each event of the brand, signed, to every webhook that wants it, and to no other brand's", async () => {
    const all = (await acme.notifications.listWebhooks({})).webhooks[0]!;
    const low = await register("/low", ["waybill.inventory.v1.StockLow"]);
    const partner = await n.h.waybill.as("partner", "globex");
    const globexHook = await register("/globex", [], partner, "globex");

    await adjust(5n);
    await adjust(-3n); // 2 left: low

    const toLow = await waitFor(
      async () => n.receiver.to("/low"),
      (list) => list.length >= 1,
    );
    expect(toLow.map((delivery) => delivery.eventType)).toEqual(["waybill.inventory.v1.StockLow"]);
    const toAll = await waitFor(
      async () => n.receiver.to("/all"),
      (list) => list.length >= 3,
    );
    expect(toAll.map((delivery) => delivery.eventType).sort()).toEqual([
      "waybill.inventory.v1.StockChanged",
      "waybill.inventory.v1.StockChanged",
      "waybill.inventory.v1.StockLow",
    ]);
    for (const delivery of [...toAll, ...toLow]) {
      expect(delivery.signatureValid).toBe(true);
      expect(delivery.headers["content-type"]).toBe("application/json");
      expect(delivery.headers[WebhookHeaders.signature.toLowerCase()]).toMatch(/^v1=[0-9a-f]{64}$/);
    }
    expect(toAll[0]!.headers[WebhookHeaders.webhookId.toLowerCase()]).toBe(all.webhookId);
    const envelope = JSON.parse(toLow[0]!.body) as Record<string, unknown>;
    expect(envelope).toMatchObject({
      id: toLow[0]!.eventId,
      type: "waybill.inventory.v1.StockLow",
      tenant: "acme",
      aggregateId: "acme/BULB",
    });
    expect(envelope.payload).toMatchObject({
      "@type": "type.googleapis.com/waybill.inventory.v1.StockLow",
      stock: { sku: "BULB", available: "2" },
      lowStockThreshold: "2",
    });
    // The same event reaches both webhooks, each once.
    expect(toAll.some((delivery) => delivery.eventId === toLow[0]!.eventId)).toBe(true);

    const stored = await waitFor(
      () => deliveriesOf(low.webhookId),
      (list) => settled(list, 1),
    );
    expect(stored[0]).toMatchObject({
      template: NotificationTemplate.WEBHOOK_EVENT,
      recipient: n.receiver.url("/low"),
      brandId: "acme",
      status: NotificationStatus.SENT,
      attempts: 1,
      subject: "",
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(n.receiver.to("/globex")).toEqual([]);
    expect(await deliveriesOf(globexHook.webhookId)).toEqual([]);
  });

  it("retries a failing or silent endpoint with backoff until it answers 2xx", async () => {
    const flaky = await register("/flaky", ["waybill.inventory.v1.StockChanged"]);
    n.receiver.answer("/flaky", 500, "hang", 200);
    await adjust(1n);
    const [delivery] = await waitFor(
      () => deliveriesOf(flaky.webhookId),
      (list) => settled(list, 1),
    );
    expect(delivery).toMatchObject({
      status: NotificationStatus.SENT,
      attempts: 3,
      lastError: "no answer within 1000 ms",
    });
    const attempts = n.receiver.to("/flaky");
    expect(attempts.map((attempt) => attempt.status)).toEqual([500, 0, 200]);
    expect(new Set(attempts.map((attempt) => attempt.eventId)).size).toBe(1);
    expect(attempts.every((attempt) => attempt.signatureValid)).toBe(true);
  });

  it("gives a delivery up after the last attempt, and redrives dead ones on request", async () => {
    const down = await register("/down", ["waybill.inventory.v1.StockChanged"]);
    n.receiver.answerAlways("/down", 503);
    await adjust(1n);
    await adjust(1n);
    const dead = await waitFor(
      () => deliveriesOf(down.webhookId),
      (list) => settled(list, 2, NotificationStatus.DEAD),
    );
    expect(
      dead.every(
        (item) => item.attempts === 3 && item.lastError === "HTTP 503 Service Unavailable" && !item.nextAttemptTime,
      ),
    ).toBe(true);
    expect(n.receiver.to("/down")).toHaveLength(6);

    n.receiver.answerAlways("/down", undefined);
    const request = { brandId: "acme", webhookId: down.webhookId, idempotencyKey: "redrive-down" };
    const redriven = await acme.notifications.redriveWebhookDeliveries(request);
    expect(redriven.redrivenCount).toBe(2n);
    expect([...redriven.notificationIds].sort()).toEqual(dead.map((item) => item.notificationId).sort());
    expect(await acme.notifications.redriveWebhookDeliveries(request)).toEqual(redriven);

    const delivered = await waitFor(
      () => deliveriesOf(down.webhookId),
      (list) => settled(list, 2),
    );
    expect(delivered.every((item) => item.attempts === 1 && item.lastError === "")).toBe(true);
    expect(n.receiver.to("/down")).toHaveLength(8);
    expect(
      (await acme.notifications.redriveWebhookDeliveries({ ...request, idempotencyKey: "redrive-again" }))
        .redrivenCount,
    ).toBe(0n);

    const globex = await n.h.brand("globex");
    expect((await errorOf(globex.notifications.redriveWebhookDeliveries({ ...request, brandId: "acme" }))).code).toBe(
      Code.PermissionDenied,
    );
    expect((await errorOf(globex.notifications.redriveWebhookDeliveries({ ...request, brandId: "globex" }))).code).toBe(
      Code.PermissionDenied,
    );
  });

  it("deletes a webhook: its open deliveries are given up and it receives nothing more", async () => {
    const gone = await register("/gone", ["waybill.inventory.v1.StockChanged"]);
    // Each attempt waits out the timeout, so the delivery stays open for seconds.
    n.receiver.answerAlways("/gone", "hang");
    await adjust(1n);
    await waitFor(
      () => deliveriesOf(gone.webhookId),
      (list) => list[0]?.status === NotificationStatus.RETRYING,
    );

    const globex = await n.h.brand("globex");
    expect(
      (await errorOf(globex.notifications.deleteWebhook({ webhookId: gone.webhookId, idempotencyKey: "steal" }))).code,
    ).toBe(Code.PermissionDenied);
    const request = { webhookId: gone.webhookId, idempotencyKey: "delete-gone" };
    const deleted = await acme.notifications.deleteWebhook(request);
    expect(deleted.webhook?.webhookId).toBe(gone.webhookId);
    expect(await acme.notifications.deleteWebhook(request)).toEqual(deleted);
    expect((await errorOf(acme.notifications.deleteWebhook({ ...request, idempotencyKey: "delete-again" }))).code).toBe(
      Code.NotFound,
    );
    expect(
      (
        await errorOf(
          acme.notifications.deleteWebhook({ webhookId: crypto.randomUUID(), idempotencyKey: "delete-none" }),
        )
      ).code,
    ).toBe(Code.NotFound);
    expect((await acme.notifications.listWebhooks({})).webhooks.map((webhook) => webhook.webhookId)).not.toContain(
      gone.webhookId,
    );

    const [abandoned] = await deliveriesOf(gone.webhookId);
    expect(abandoned).toMatchObject({ status: NotificationStatus.DEAD, lastError: "webhook deleted before delivery" });
    const requests = n.receiver.to("/gone").length;
    const toAll = n.receiver.to("/all").length;
    await adjust(1n);
    // The event reached the brand's other webhook, so its deliveries have been planned.
    await waitFor(
      async () => n.receiver.to("/all").length,
      (count) => count > toAll,
    );
    expect(n.receiver.to("/gone")).toHaveLength(requests);
    expect(await deliveriesOf(gone.webhookId)).toHaveLength(1);
    const redrive = await acme.notifications.redriveWebhookDeliveries({
      brandId: "acme",
      webhookId: gone.webhookId,
      idempotencyKey: "redrive-gone",
    });
    expect(redrive.redrivenCount).toBe(0n);
  });

  it("lists webhooks of every brand to an admin, oldest first, page by page", async () => {
    const ids = await allPages(async (pageToken) => {
      const page = await n.h.admin.notifications.listWebhooks({ page: { pageSize: 2, pageToken } });
      return [page.webhooks.map((webhook) => webhook.webhookId), page.page?.nextPageToken];
    });
    const all = (await n.h.admin.notifications.listWebhooks({ page: { pageSize: 100 } })).webhooks;
    expect(ids).toEqual(all.map((webhook) => webhook.webhookId));
    expect(new Set(all.map((webhook) => webhook.brandId))).toEqual(new Set(["acme", "globex"]));
    expect(all.map((webhook) => webhook.description)).toEqual(["everything", "/low", "/globex", "/flaky", "/down"]);
  });

  it("refuses a page token of another list, or one whose position does not parse, as INVALID_ARGUMENT", async () => {
    const listWebhooks = (pageToken: string) =>
      errorOf(n.h.admin.notifications.listWebhooks({ page: { pageSize: 2, pageToken } }));
    const notificationsToken = (await n.h.admin.notifications.listNotifications({ page: { pageSize: 1 } })).page!
      .nextPageToken;
    expect(notificationsToken).not.toBe("");
    expect((await listWebhooks(notificationsToken)).code).toBe(Code.InvalidArgument);
    // Bound to the admin's list of every brand (scope ""), but not a position this list wrote.
    const forged = await listWebhooks(encodeCursor({ created: "yesterday", id: "1" }));
    expect(forged.code).toBe(Code.InvalidArgument);
    expect(forged.rawMessage).toMatch(/page\.page_token/);
  });
});

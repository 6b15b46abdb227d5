import { Code } from "@connectrpc/connect";
import {
  NotificationChannel,
  NotificationStatus,
  NotificationTemplate,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { type Waybill, WebhookHeaders } from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../../services/kit/pagination/index.js";
import { allPages, changeStock, errorOf, itemRequest, waitFor } from "../support/index.js";
import { type NotificationsHarness, startNotificationsHarness } from "./helpers/notifications-harness.js";

let n: NotificationsHarness;
let acme: Waybill;
let keys = 0;

beforeAll(async () => {
  n = await startNotificationsHarness();
  acme = await n.brand("acme");
});
afterAll(() => n?.stop());

/** Registers a webhook of a brand at a path of the receiver and teaches the receiver its secret. */
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

/** Creates an item of acme (stock 0, threshold 0 unless given). */
const item = (sku: string, threshold = 0n) => acme.inventory.createItem(itemRequest("acme", sku, { threshold }));

const adjust = (sku: string, delta: bigint) => changeStock(acme, "acme", sku, delta, `${sku}-${++keys}`);

/** A webhook's deliveries once every event so far has been handled and each delivery is SENT or DEAD. */
const deliveriesOf = (webhookId: string) => n.settledNotifications({ channel: NotificationChannel.WEBHOOK, webhookId });
const types = (list: readonly { readonly eventType: string }[]) => list.map((item) => item.eventType).sort();

describe("registering webhooks", () => {
  it("shows the signing secret once, on registration only, and never lists it", async () => {
    const vault = await n.brand("vault");
    const request = {
      brandId: "vault",
      url: n.receiver.url("/vault"),
      description: "everything",
      idempotencyKey: "register-/vault",
    };
    const first = await vault.notifications.registerWebhook(request);
    expect(first.signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(first.webhook).toMatchObject({
      brandId: "vault",
      url: n.receiver.url("/vault"),
      eventTypes: [],
      description: "everything",
    });
    const replay = await vault.notifications.registerWebhook(request);
    expect(replay.signingSecret).toBe("");
    expect(replay.webhook?.webhookId).toBe(first.webhook?.webhookId);

    const listed = await vault.notifications.listWebhooks({});
    expect(listed.webhooks.map((webhook) => webhook.webhookId)).toEqual([first.webhook!.webhookId]);
    expect(JSON.stringify(listed.webhooks.map((webhook) => ({ ...webhook, createTime: undefined })))).not.toContain(
      first.signingSecret,
    );
  });

  it("refuses a second webhook at one URL, unknown event types, bad URLs and other brands", async () => {
    await register("/taken");
    const base = { brandId: "acme", url: n.receiver.url("/taken"), idempotencyKey: "again" };
    expect((await errorOf(acme.notifications.registerWebhook(base))).code).toBe(Code.AlreadyExists);
    // Each refusal is stored under its key: a retry gets it again, another request under it is refused.
    const unknownType = {
      ...base,
      url: n.receiver.url("/x"),
      eventTypes: ["waybill.inventory.v1.NoSuchEvent"],
      idempotencyKey: "unknown-type",
    };
    expect((await errorOf(acme.notifications.registerWebhook(unknownType))).code).toBe(Code.InvalidArgument);
    expect((await errorOf(acme.notifications.registerWebhook(unknownType))).code).toBe(Code.InvalidArgument);
    expect((await errorOf(acme.notifications.registerWebhook({ ...unknownType, eventTypes: [] }))).code).toBe(
      Code.FailedPrecondition,
    );
    const ownEvents = await errorOf(
      acme.notifications.registerWebhook({
        ...base,
        url: n.receiver.url("/x"),
        eventTypes: ["waybill.notifications.v1.NotificationSent"],
        idempotencyKey: "own-events",
      }),
    );
    expect(ownEvents.code).toBe(Code.InvalidArgument);
    expect(
      (
        await errorOf(
          acme.notifications.registerWebhook({ ...base, url: "ftp://files.example/in", idempotencyKey: "ftp" }),
        )
      ).code,
    ).toBe(Code.InvalidArgument);
    const globex = await n.brand("globex");
    expect((await errorOf(globex.notifications.registerWebhook({ ...base, url: n.receiver.url("/steal") }))).code).toBe(
      Code.PermissionDenied,
    );
    expect((await errorOf(globex.notifications.listWebhooks({ brandId: "acme" }))).code).toBe(Code.PermissionDenied);
  });
});

describe("deliveries", () => {
  it("posts each event of the brand, signed, to every webhook that wants it, and to no other brand's", async () => {
    const all = await register("/all");
    const low = await register("/low", ["waybill.inventory.v1.StockLow"]);
    const partner = await n.as("partner", "globex");
    const globexHook = await register("/globex", [], partner, "globex");

    // Created with 0, at or below its threshold of 2: low and out at once; 5 re-arms it; 2 is low again.
    await item("BULB", 2n);
    await adjust("BULB", 5n);
    await adjust("BULB", -3n);

    const toLow = await deliveriesOf(low.webhookId);
    expect(types(toLow)).toEqual(["waybill.inventory.v1.StockLow", "waybill.inventory.v1.StockLow"]);
    expect(types(await deliveriesOf(all.webhookId))).toEqual([
      "waybill.inventory.v1.ItemCreated",
      "waybill.inventory.v1.OutOfStock",
      "waybill.inventory.v1.StockChanged",
      "waybill.inventory.v1.StockChanged",
      "waybill.inventory.v1.StockLow",
      "waybill.inventory.v1.StockLow",
    ]);
    const posted = { all: n.receiver.to("/all"), low: n.receiver.to("/low") };
    expect(types(posted.all)).toEqual(types(await deliveriesOf(all.webhookId)));
    expect(types(posted.low)).toEqual(types(toLow));
    for (const delivery of [...posted.all, ...posted.low]) {
      expect(delivery.signatureValid).toBe(true);
      expect(delivery.headers["content-type"]).toBe("application/json");
      expect(delivery.headers[WebhookHeaders.signature.toLowerCase()]).toMatch(/^v1=[0-9a-f]{64}$/);
    }
    expect(
      posted.all.every((delivery) => delivery.headers[WebhookHeaders.webhookId.toLowerCase()] === all.webhookId),
    ).toBe(true);
    const lowAtTwo = posted.low.find((delivery) => delivery.body.includes('"available":"2"'))!;
    const envelope = JSON.parse(lowAtTwo.body) as Record<string, unknown>;
    expect(envelope).toMatchObject({
      id: lowAtTwo.eventId,
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
    expect(posted.all.filter((delivery) => delivery.eventId === lowAtTwo.eventId)).toHaveLength(1);
    expect(toLow.find((delivery) => delivery.eventId === lowAtTwo.eventId)).toMatchObject({
      template: NotificationTemplate.WEBHOOK_EVENT,
      recipient: n.receiver.url("/low"),
      brandId: "acme",
      status: NotificationStatus.SENT,
      attempts: 1,
      subject: "",
    });
    // Every event has been handled: none of acme's was planned for globex's webhook.
    expect(await deliveriesOf(globexHook.webhookId)).toEqual([]);
    expect(n.receiver.to("/globex")).toEqual([]);
  });

  it("retries a failing or silent endpoint with backoff until it answers 2xx", async () => {
    await item("FLAKY");
    const flaky = await register("/flaky", ["waybill.inventory.v1.StockChanged"]);
    n.receiver.answer("/flaky", 500, "hang", 200);
    await adjust("FLAKY", 1n);
    const [delivery, ...more] = await deliveriesOf(flaky.webhookId);
    expect(more).toEqual([]);
    expect(delivery).toMatchObject({
      status: NotificationStatus.SENT,
      attempts: 3,
      lastError: "timeout",
    });
    const attempts = n.receiver.to("/flaky");
    expect(attempts.map((attempt) => attempt.status)).toEqual([500, 0, 200]);
    expect(new Set(attempts.map((attempt) => attempt.eventId)).size).toBe(1);
    expect(attempts.every((attempt) => attempt.signatureValid)).toBe(true);
  });

  it("gives a delivery up after the last attempt, and redrives dead ones on request", async () => {
    await item("DOWN");
    const down = await register("/down", ["waybill.inventory.v1.StockChanged"]);
    n.receiver.answerAlways("/down", 503);
    await adjust("DOWN", 1n);
    await adjust("DOWN", 1n);
    const dead = await deliveriesOf(down.webhookId);
    expect(dead).toHaveLength(2);
    expect(
      dead.every(
        (item) =>
          item.status === NotificationStatus.DEAD &&
          item.attempts === 3 &&
          item.lastError === "http_5xx 503" &&
          !item.nextAttemptTime,
      ),
    ).toBe(true);
    expect(n.receiver.to("/down")).toHaveLength(6);

    n.receiver.answerAlways("/down", undefined);
    const request = { brandId: "acme", webhookId: down.webhookId, idempotencyKey: "redrive-down" };
    const redriven = await acme.notifications.redriveWebhookDeliveries(request);
    expect(redriven.redrivenCount).toBe(2n);
    expect([...redriven.notificationIds].sort()).toEqual(dead.map((item) => item.notificationId).sort());
    expect(await acme.notifications.redriveWebhookDeliveries(request)).toEqual(redriven);

    const delivered = await deliveriesOf(down.webhookId);
    expect(
      delivered.every(
        (item) => item.status === NotificationStatus.SENT && item.attempts === 1 && item.lastError === "",
      ),
    ).toBe(true);
    expect(n.receiver.to("/down")).toHaveLength(8);
    expect(
      (await acme.notifications.redriveWebhookDeliveries({ ...request, idempotencyKey: "redrive-again" }))
        .redrivenCount,
    ).toBe(0n);

    const globex = await n.brand("globex");
    expect((await errorOf(globex.notifications.redriveWebhookDeliveries({ ...request, brandId: "acme" }))).code).toBe(
      Code.PermissionDenied,
    );
    // Another brand's webhook is answered like a missing one.
    expect((await errorOf(globex.notifications.redriveWebhookDeliveries({ ...request, brandId: "globex" }))).code).toBe(
      Code.NotFound,
    );
  });

  it("deletes a webhook: its open deliveries are given up and it receives nothing more", async () => {
    await item("GONE");
    const gone = await register("/gone", ["waybill.inventory.v1.StockChanged"]);
    const witness = await register("/gone-witness", ["waybill.inventory.v1.StockChanged"]);
    // Each attempt waits out the timeout, so the delivery stays open for seconds.
    n.receiver.answerAlways("/gone", "hang");
    await adjust("GONE", 1n);
    await waitFor(
      () => n.notifications({ channel: NotificationChannel.WEBHOOK, webhookId: gone.webhookId }),
      (list) => list[0]?.status === NotificationStatus.RETRYING,
    );

    const globex = await n.brand("globex");
    expect(
      (await errorOf(globex.notifications.deleteWebhook({ webhookId: gone.webhookId, idempotencyKey: "steal" }))).code,
    ).toBe(Code.NotFound);
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

    const [abandoned, ...more] = await deliveriesOf(gone.webhookId);
    expect(more).toEqual([]);
    expect(abandoned).toMatchObject({ status: NotificationStatus.DEAD, lastError: "webhook deleted before delivery" });
    const requests = n.receiver.to("/gone").length;
    await adjust("GONE", 1n);
    // Once every event is handled, the brand's other webhook has its second delivery and the deleted one none.
    expect(await deliveriesOf(witness.webhookId)).toHaveLength(2);
    expect(await deliveriesOf(gone.webhookId)).toHaveLength(1);
    expect(n.receiver.to("/gone")).toHaveLength(requests);
    const redrive = await acme.notifications.redriveWebhookDeliveries({
      brandId: "acme",
      webhookId: gone.webhookId,
      idempotencyKey: "redrive-gone",
    });
    expect(redrive.redrivenCount).toBe(0n);
  });

  it("lists webhooks of every brand to an admin, oldest first, page by page", async () => {
    const registered = [
      await register("/list-1", [], await n.brand("lister-a"), "lister-a"),
      await register("/list-2", [], await n.brand("lister-b"), "lister-b"),
      await register("/list-3", [], await n.brand("lister-a"), "lister-a"),
    ];
    const ids = await allPages(async (pageToken) => {
      const page = await n.admin.notifications.listWebhooks({ page: { pageSize: 2, pageToken } });
      return [page.webhooks.map((webhook) => webhook.webhookId), page.page?.nextPageToken];
    });
    const all = (await n.admin.notifications.listWebhooks({ page: { pageSize: 100 } })).webhooks;
    expect(ids).toEqual(all.map((webhook) => webhook.webhookId));
    const ours = all.filter((webhook) => registered.some((mine) => mine.webhookId === webhook.webhookId));
    expect(ours.map((webhook) => [webhook.brandId, webhook.description])).toEqual([
      ["lister-a", "/list-1"],
      ["lister-b", "/list-2"],
      ["lister-a", "/list-3"],
    ]);
  });

  it("refuses a page token of another list, or one whose position does not parse, as INVALID_ARGUMENT", async () => {
    const listWebhooks = (pageToken: string) =>
      errorOf(n.admin.notifications.listWebhooks({ page: { pageSize: 2, pageToken } }));
    // A new item is low and out of stock at once: two emails to the operator, so a list of one has a next page.
    await n.admin.inventory.createItem(itemRequest("tokens", "T-1"));
    await n.waitNotifications({ brandId: "tokens" }, (list) => list.length >= 2);
    const notificationsToken = (await n.admin.notifications.listNotifications({ page: { pageSize: 1 } })).page!
      .nextPageToken;
    expect(notificationsToken).not.toBe("");
    expect((await listWebhooks(notificationsToken)).code).toBe(Code.InvalidArgument);
    // Bound to the admin's list of every brand (scope ""), but not a position this list wrote.
    const forged = await listWebhooks(encodeCursor({ created: "yesterday", id: "1" }));
    expect(forged.code).toBe(Code.InvalidArgument);
    expect(forged.rawMessage).toMatch(/page\.page_token/);
  });
});

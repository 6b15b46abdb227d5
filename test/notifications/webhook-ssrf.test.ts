import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ViolationsSchema } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { Code } from "@connectrpc/connect";
import {
  type Notification,
  NotificationChannel,
  NotificationStatus,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import type { Waybill } from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventoryService } from "../../services/inventory/index.js";
import { type HostLookup, systemLookup } from "../../services/notifications/channels/index.js";
import { defineNotificationsService } from "../../services/notifications/index.js";
import { errorOf, freePort, itemRequest, waitFor } from "../support/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";
import { fastNotifications } from "./helpers/notifications-harness.js";
import { startWebhookReceiver, type WebhookReceiver } from "./helpers/webhook-receiver.js";

/**
 * Webhook URLs that would turn Waybill's POSTs inward (loopback, private networks, cloud metadata)
 * are refused at registration and again on the connection a delivery opens; failed deliveries
 * record only a category. Two Waybills: one as production runs (no WEBHOOK_ALLOWED_HOSTS), one
 * whose allow-list names the test's local endpoints, port by port.
 */

/** A documentation-free public address (example.com's), which names the test resolves may point to. */
const publicAddress = "93.184.215.14";
/** Host names this test answers itself (the resolver Notifications is built with); others go to the system's. */
const names = new Map<string, readonly string[]>();
/** Host names whose lookup fails for now, as a resolver that does not answer makes it. */
const unanswered = new Set<string>();
const lookupHost: HostLookup = async (host) => {
  if (unanswered.has(host)) throw Object.assign(new Error(`getaddrinfo EAI_AGAIN ${host}`), { code: "EAI_AGAIN" });
  return names.get(host) ?? systemLookup(host);
};
const notifications = defineNotificationsService({ lookupHost });

/** The categories `last_error` of a webhook delivery may hold (with the HTTP status for answers). */
const category = /^(timeout|refused|dns|tls|blocked_address|network|(redirect|http_4xx|http_5xx) \d{3})$/;

let receiver: WebhookReceiver;
/** Answers every request with a redirect to the receiver (which must never see it followed). */
let redirector: Server;
let redirectorPort: number;
/** A loopback port nothing listens on. */
let closedPort: number;
let closed: TestWaybill;
let open: TestWaybill;
let closedAdmin: Waybill;
let openAdmin: Waybill;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  redirector = createServer((request, response) => {
    request.resume();
    response.writeHead(307, { location: receiver.url("/redirected") }).end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
  redirectorPort = (redirector.address() as AddressInfo).port;
  closedPort = await freePort();
  const receiverPort = new URL(receiver.url("/")).port;
  const definitions = [inventoryService, notifications];
  [closed, open] = await Promise.all([
    startTestWaybill({ definitions, env: { ...fastNotifications, WEBHOOK_ALLOWED_HOSTS: "" } }),
    startTestWaybill({
      definitions,
      env: {
        ...fastNotifications,
        WEBHOOK_ALLOWED_HOSTS: `127.0.0.1:${receiverPort},127.0.0.1:${redirectorPort},127.0.0.1:${closedPort}`,
      },
    }),
  ]);
  closedAdmin = await closed.as("admin");
  openAdmin = await open.as("admin");
}, 90_000);
afterAll(async () => {
  await Promise.all([closed?.stop(), open?.stop()]);
  redirector?.closeAllConnections();
  await Promise.all([receiver?.close(), new Promise((resolve) => redirector?.close(resolve))]);
});

let keys = 0;
const register = (admin: Waybill, brandId: string, url: string) =>
  admin.notifications.registerWebhook({
    brandId,
    url,
    eventTypes: ["waybill.inventory.v1.ItemCreated"],
    idempotencyKey: `register-${++keys}`,
  });

/** Refused with INVALID_ARGUMENT and a violation on `url`. */
async function expectRefused(admin: Waybill, url: string) {
  const error = await errorOf(register(admin, "acme", url));
  expect(error.code, url).toBe(Code.InvalidArgument);
  const fields = error.findDetails(ViolationsSchema)[0]?.violations.map((v) => v.field?.elements[0]?.fieldName);
  expect(fields, url).toEqual(["url"]);
}

/** Creates an item of `brandId` (its ItemCreated is what the webhooks here want) and waits for the delivery's outcome. */
async function deliveryAfterItem(admin: Waybill, brandId: string, webhookId: string): Promise<Notification> {
  await admin.inventory.createItem(itemRequest(brandId, `SKU-${++keys}`));
  const list = await waitFor(
    async () =>
      (await admin.notifications.listNotifications({ channel: NotificationChannel.WEBHOOK, webhookId })).notifications,
    (items) => items.some((item) => item.status === NotificationStatus.SENT || item.lastError !== ""),
  );
  expect(list).toHaveLength(1);
  return list[0]!;
}

describe("registration without an allow-list", () => {
  it.each([
    "http://127.0.0.1:5432/",
    "http://localhost/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://127.1/",
    "http://[::1]/",
    "http://0.0.0.0/",
    "http://10.0.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[::127.0.0.1]/",
    "http://[fe80::1]/",
    "http://[fd00::1]/",
    "http://224.0.0.1/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://no-such-host.invalid/",
  ])("refuses %s", async (url) => {
    await expectRefused(closedAdmin, url);
  });

  it("refuses a name when any one of its addresses is not public, and takes one whose every address is", async () => {
    names.set("mixed.waybill.test", [publicAddress, "10.1.2.3"]);
    await expectRefused(closedAdmin, "https://mixed.waybill.test/hook");
    names.set("public.waybill.test", [publicAddress]);
    const { webhook } = await register(closedAdmin, "quiet", "https://public.waybill.test/hook");
    expect(webhook?.url).toBe("https://public.waybill.test/hook");
    expect((await closedAdmin.notifications.listWebhooks({ brandId: "acme" })).webhooks).toEqual([]);
  });

  it("answers UNAVAILABLE while the resolver fails, and a retried key as the first call did", async () => {
    const url = "https://flaky.waybill.test/hook";
    const request = {
      brandId: "quiet",
      url,
      eventTypes: ["waybill.inventory.v1.ItemCreated"],
      idempotencyKey: "flaky-register",
    };
    unanswered.add("flaky.waybill.test");
    expect((await errorOf(closedAdmin.notifications.registerWebhook(request))).code).toBe(Code.Unavailable);
    unanswered.delete("flaky.waybill.test");
    names.set("flaky.waybill.test", [publicAddress]);
    const first = await closedAdmin.notifications.registerWebhook(request);
    expect(first.webhook?.url).toBe(url);
    // The name points inward by now: the key still answers the webhook it registered.
    names.set("flaky.waybill.test", ["127.0.0.1"]);
    const again = await closedAdmin.notifications.registerWebhook(request);
    expect(again.webhook?.webhookId).toBe(first.webhook?.webhookId);
    await expectRefused(closedAdmin, url);
  });

  it("checks the address again when delivering: a name that points inward by then is not posted to", async () => {
    const port = new URL(receiver.url("/")).port;
    names.set("rebind.waybill.test", [publicAddress]);
    const { webhook, signingSecret } = await register(
      closedAdmin,
      "rebind",
      `http://rebind.waybill.test:${port}/rebind`,
    );
    receiver.secret("/rebind", signingSecret);
    // DNS rebinding: the name now answers loopback, where the receiver listens.
    names.set("rebind.waybill.test", ["127.0.0.1"]);
    const delivery = await deliveryAfterItem(closedAdmin, "rebind", webhook!.webhookId);
    expect(delivery.lastError).toBe("blocked_address");
    expect(delivery.status).not.toBe(NotificationStatus.SENT);
    expect(receiver.to("/rebind")).toEqual([]);
  });
});

describe("with an allow-list", () => {
  it("delivers to an allowed endpoint end to end, signed", async () => {
    const { webhook, signingSecret } = await register(openAdmin, "allowed", receiver.url("/allowed"));
    receiver.secret("/allowed", signingSecret);
    const delivery = await deliveryAfterItem(openAdmin, "allowed", webhook!.webhookId);
    expect(delivery).toMatchObject({ status: NotificationStatus.SENT, attempts: 1, lastError: "" });
    expect(receiver.to("/allowed").map((received) => received.signatureValid)).toEqual([true]);
  });

  it("lets through only the listed ports and addresses", async () => {
    const otherPort = await freePort();
    await expectRefused(openAdmin, `http://127.0.0.1:${otherPort}/`);
    await expectRefused(openAdmin, "http://10.0.0.1/");
    await expectRefused(openAdmin, `http://[::1]:${closedPort}/`);
  });

  it("does not follow a redirect: the attempt fails as a redirect and the target sees nothing", async () => {
    const { webhook } = await register(openAdmin, "moved", `http://127.0.0.1:${redirectorPort}/moved`);
    const delivery = await deliveryAfterItem(openAdmin, "moved", webhook!.webhookId);
    expect(delivery.lastError).toBe("redirect 307");
    expect(receiver.to("/redirected")).toEqual([]);
  });

  it("records what went wrong as a category, never the socket's text", async () => {
    const refused = await register(openAdmin, "down", `http://127.0.0.1:${closedPort}/down`);
    expect((await deliveryAfterItem(openAdmin, "down", refused.webhook!.webhookId)).lastError).toBe("refused");

    receiver.answerAlways("/missing", 404);
    const missing = await register(openAdmin, "missing", receiver.url("/missing"));
    receiver.secret("/missing", missing.signingSecret);
    expect((await deliveryAfterItem(openAdmin, "missing", missing.webhook!.webhookId)).lastError).toBe("http_4xx 404");

    const all = (await openAdmin.notifications.listNotifications({ channel: NotificationChannel.WEBHOOK }))
      .notifications;
    for (const item of all.filter((entry) => entry.lastError !== "")) expect(item.lastError).toMatch(category);
  });
});

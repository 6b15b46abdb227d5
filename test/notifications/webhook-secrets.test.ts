import { randomBytes } from "node:crypto";
import { create, toBinary } from "@bufbuild/protobuf";
import { RegisterWebhookResponseSchema } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import type { Waybill } from "@waybill/sdk";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventoryService } from "../../services/inventory/index.js";
import { notificationsService } from "../../services/notifications/index.js";
import type { NotificationsDatabase } from "../../services/notifications/storage/index.js";
import { itemRequest, schemaSql, waitFor } from "../support/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";
import { fastNotifications } from "./helpers/notifications-harness.js";
import { startWebhookReceiver, type WebhookReceiver } from "./helpers/webhook-receiver.js";

/**
 * Webhook signing secrets at rest: sealed with WEBHOOK_SECRET_KEY in Notifications' table, left
 * out of the answer stored under RegisterWebhook's idempotency key, wiped on delete, and opened
 * only to sign a delivery, which the receiver checks with the SDK against the secret the first
 * answer showed. A second Waybill on the same database, with a new first key, still signs.
 */

const definitions = [inventoryService, notificationsService];
const oldKey = `k1:${randomBytes(32).toString("base64")}`;
const newKey = `k2:${randomBytes(32).toString("base64")}`;

let receiver: WebhookReceiver;
let waybill: TestWaybill;
/** The Waybill restarted with a new first key (on the first one's database and streams). */
let restarted: TestWaybill | undefined;
let firstStopped = false;
let sql: Kysely<NotificationsDatabase>;
let acme: Waybill;
let partner: Waybill;
let items = 0;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  waybill = await startTestWaybill({ definitions, env: { ...fastNotifications, WEBHOOK_SECRET_KEY: oldKey } });
  sql = schemaSql<NotificationsDatabase>(waybill.env.databaseUrl, "notifications");
  acme = await waybill.as("brand", "acme");
  partner = await waybill.as("partner", "acme");
});

afterAll(async () => {
  await sql?.destroy();
  await restarted?.stop();
  if (firstStopped) await waybill?.env.cleanup();
  else await waybill?.stop();
  await receiver?.close();
});

/** The stored `secret` column of a webhook. */
async function storedSecret(webhookId: string): Promise<string | null> {
  const row = await sql.selectFrom("webhooks").select("secret").where("webhook_id", "=", webhookId).executeTakeFirst();
  if (!row) throw new Error(`no row for webhook ${webhookId}`);
  return row.secret;
}

/** Registers a webhook of acme for ItemCreated at `path` and teaches the receiver its secret. */
async function register(path: string, client: Waybill = acme) {
  const request = {
    brandId: "acme",
    url: receiver.url(path),
    eventTypes: ["waybill.inventory.v1.ItemCreated"],
    idempotencyKey: `register-${path}`,
  };
  const response = await client.notifications.registerWebhook(request);
  receiver.secret(path, response.signingSecret);
  return { request, response, webhookId: response.webhook!.webhookId };
}

/** Creates an item of acme on `client` and waits for the delivery of its ItemCreated at `path`. */
async function deliveryAfterNewItem(client: Waybill, path: string) {
  const sku = `SKU-${++items}`;
  const before = receiver.to(path).length;
  await client.inventory.createItem(itemRequest("acme", sku));
  const received = await waitFor(
    async () => receiver.to(path).filter((delivery) => delivery.body.includes(`"sku":"${sku}"`)),
    (list) => list.length > 0,
  );
  expect(receiver.to(path).length).toBeGreaterThan(before);
  return received[0]!;
}

describe("webhook signing secrets", () => {
  it("stores the secret only encrypted, and returns it to the call that created the webhook alone", async () => {
    const { request, response, webhookId } = await register("/sealed", partner);
    const secret = response.signingSecret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    const stored = await storedSecret(webhookId);
    expect(stored).not.toBe(secret);
    expect(stored).not.toContain(secret.slice("whsec_".length));
    expect(stored).toMatch(/^aes256gcm:k1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);

    // A replay of the key, by the partner that registered or by the brand, answers without it.
    for (const client of [partner, acme]) {
      const replay = await client.notifications.registerWebhook(request);
      expect(replay.webhook?.webhookId).toBe(webhookId);
      expect(replay.signingSecret).toBe("");
    }
    const listed = await acme.notifications.listWebhooks({});
    expect(listed.webhooks.map((webhook) => webhook.webhookId)).toContain(webhookId);
    expect(JSON.stringify(listed.webhooks.map((webhook) => ({ ...webhook, createTime: undefined })))).not.toContain(
      secret,
    );

    // Nor is it kept in the answer stored under the idempotency key.
    const answers = await sql.selectFrom("idempotency").select(["scope", "response"]).execute();
    expect(answers.some((answer) => answer.scope === "RegisterWebhook/acme")).toBe(true);
    expect(answers.filter((answer) => Buffer.from(answer.response ?? []).includes(secret))).toEqual([]);
  });

  it("signs every delivery with the original secret, decrypted at send time", async () => {
    const { webhookId } = await register("/signed");
    expect(await storedSecret(webhookId)).toMatch(/^aes256gcm:k1:/);
    const delivery = await deliveryAfterNewItem(acme, "/signed");
    expect(delivery.signatureValid).toBe(true);
  });

  it("wipes the secret of a deleted webhook", async () => {
    const { webhookId } = await register("/deleted");
    await acme.notifications.deleteWebhook({ webhookId, idempotencyKey: "delete-/deleted" });
    expect(await storedSecret(webhookId)).toBeNull();
  });

  it("after a restart with a new first key, re-seals every live secret with it and still signs", async () => {
    const sealed = await register("/rotated");
    // A secret as an older Waybill stored it: plain, and in its RegisterWebhook answer too.
    const legacy = await register("/legacy");
    const legacySecret = `whsec_${randomBytes(32).toString("base64url")}`;
    receiver.secret("/legacy", legacySecret);
    await sql
      .updateTable("webhooks")
      .set({ secret: legacySecret })
      .where("webhook_id", "=", legacy.webhookId)
      .execute();
    const oldAnswer = create(RegisterWebhookResponseSchema, {
      webhook: legacy.response.webhook!,
      signingSecret: legacySecret,
    });
    await sql
      .updateTable("idempotency")
      .set({ response: toBinary(RegisterWebhookResponseSchema, oldAnswer) })
      .where("scope", "=", "RegisterWebhook/acme")
      .where("key", "=", legacy.request.idempotencyKey)
      .execute();

    await waybill.running.stop();
    firstStopped = true;
    restarted = await startTestWaybill({
      definitions,
      sharing: waybill.env,
      env: { ...fastNotifications, WEBHOOK_SECRET_KEY: `${newKey},${oldKey}` },
    });
    const client = await restarted.as("brand", "acme");

    for (const { webhookId } of [sealed, legacy]) expect(await storedSecret(webhookId)).toMatch(/^aes256gcm:k2:/);
    const replay = await client.notifications.registerWebhook(legacy.request);
    expect(replay.webhook?.webhookId).toBe(legacy.webhookId);
    expect(replay.signingSecret).toBe("");

    expect((await deliveryAfterNewItem(client, "/rotated")).signatureValid).toBe(true);
    expect((await deliveryAfterNewItem(client, "/legacy")).signatureValid).toBe(true);
  });
});

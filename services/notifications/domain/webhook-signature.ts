import { createHmac, randomBytes } from "node:crypto";
import { WebhookHeaders } from "@waybill/sdk";

/**
 * The `Waybill-Signature` value of a delivery: "v1=" and the lower-case hex HMAC-SHA256, keyed
 * with the webhook's secret (its UTF-8 bytes), of the Unix-seconds timestamp, a ".", and the body
 * exactly as sent. The timestamp is signed so a captured delivery cannot be replayed later.
 *
 * @example
 * signWebhookBody("whsec_test", 1700000000, '{"id":"e1"}') // => "v1=6a85cb11…07c8"
 */
export function signWebhookBody(secret: string, timestampSeconds: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex")}`;
}

/**
 * The headers of one delivery attempt, signed at `now`. Their names are the SDK's
 * `WebhookHeaders`, which its verifier reads, so both sides take them from one place.
 */
export function webhookRequestHeaders(delivery: {
  readonly webhookId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly secret: string;
  readonly body: string;
  readonly now: Date;
}): Record<string, string> {
  const timestamp = Math.floor(delivery.now.getTime() / 1000);
  return {
    "Content-Type": "application/json",
    "User-Agent": "Waybill-Webhooks/1",
    [WebhookHeaders.webhookId]: delivery.webhookId,
    [WebhookHeaders.eventId]: delivery.eventId,
    [WebhookHeaders.eventType]: delivery.eventType,
    [WebhookHeaders.timestamp]: String(timestamp),
    [WebhookHeaders.signature]: signWebhookBody(delivery.secret, timestamp, delivery.body),
  };
}

/** A new signing secret: `whsec_` and 32 random bytes in base64url. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

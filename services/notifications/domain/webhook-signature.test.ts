import { WebhookHeaders } from "@waybill/sdk";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, signWebhookBody, webhookRequestHeaders } from "./webhook-signature.js";

describe("webhook signatures", () => {
  it("signs the timestamp, a dot and the body with HMAC-SHA256 (the value openssl computes)", () => {
    // printf '%s' '1700000000.{"id":"e1"}' | openssl dgst -sha256 -hmac 'whsec_test'
    expect(signWebhookBody("whsec_test", 1_700_000_000, '{"id":"e1"}')).toBe(
      "v1=6a85cb117c993612a34c72b4cfb5a16baed25a80d26e298ce0e6671320fd07c8",
    );
  });

  it("sets every documented header, signed at the attempt's time", () => {
    const headers = webhookRequestHeaders({
      webhookId: "w1",
      eventId: "e1",
      eventType: "waybill.orders.v1.OrderPlaced",
      secret: "whsec_test",
      body: '{"id":"e1"}',
      now: new Date(1_700_000_000_900),
    });
    expect(headers).toMatchObject({
      [WebhookHeaders.webhookId]: "w1",
      [WebhookHeaders.eventId]: "e1",
      [WebhookHeaders.eventType]: "waybill.orders.v1.OrderPlaced",
      [WebhookHeaders.timestamp]: "1700000000",
      [WebhookHeaders.signature]: signWebhookBody("whsec_test", 1_700_000_000, '{"id":"e1"}'),
      "Content-Type": "application/json",
    });
  });

  it("makes a fresh secret every time", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});

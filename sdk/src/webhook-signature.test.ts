import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhookPayload, verifyWebhookSignature } from "./webhook-signature.js";

const secret = "whsec_test";
const body = '{"id":"e1"}';
const now = new Date(1_700_000_030_000);
// printf '%s' '1700000000.{"id":"e1"}' | openssl dgst -sha256 -hmac 'whsec_test'
const signature = "v1=6a85cb117c993612a34c72b4cfb5a16baed25a80d26e298ce0e6671320fd07c8";

describe("webhook signatures", () => {
  it("signs with WebCrypto exactly as node:crypto and openssl do", async () => {
    expect(await signWebhookPayload({ secret, timestamp: 1_700_000_000, body })).toBe(signature);
    const bytes = new TextEncoder().encode('{"name":"Café"}');
    const nodeHex = createHmac("sha256", secret).update("1700000000.").update(bytes).digest("hex");
    expect(await signWebhookPayload({ secret, timestamp: "1700000000", body: bytes })).toBe(`v1=${nodeHex}`);
  });

  it("accepts a genuine delivery, its body as text or bytes", async () => {
    expect(await verifyWebhookSignature({ secret, body, timestamp: "1700000000", signature, now })).toBe(true);
    expect(
      await verifyWebhookSignature({
        secret,
        body: new TextEncoder().encode(body),
        timestamp: "1700000000",
        signature,
        now,
      }),
    ).toBe(true);
    expect(
      await verifyWebhookSignature({
        secret,
        body,
        timestamp: "1700000000",
        signature: `v1=${"0".repeat(64)}, ${signature}`,
        now,
      }),
    ).toBe(true);
  });

  it("refuses a changed body, timestamp or secret, and a malformed header", async () => {
    expect(await verifyWebhookSignature({ secret, body: '{"id":"e2"}', timestamp: "1700000000", signature, now })).toBe(
      false,
    );
    expect(await verifyWebhookSignature({ secret, body, timestamp: "1700000001", signature, now })).toBe(false);
    expect(await verifyWebhookSignature({ secret: "whsec_other", body, timestamp: "1700000000", signature, now })).toBe(
      false,
    );
    expect(
      await verifyWebhookSignature({ secret, body, timestamp: "1700000000", signature: signature.slice(0, -1), now }),
    ).toBe(false);
    expect(await verifyWebhookSignature({ secret, body, timestamp: null, signature, now })).toBe(false);
    expect(await verifyWebhookSignature({ secret, body, timestamp: "soon", signature, now })).toBe(false);
  });

  it("refuses a replay of an old delivery unless the tolerance is switched off", async () => {
    const later = new Date(1_700_000_000_000 + 301_000);
    expect(await verifyWebhookSignature({ secret, body, timestamp: "1700000000", signature, now: later })).toBe(false);
    expect(
      await verifyWebhookSignature({
        secret,
        body,
        timestamp: "1700000000",
        signature,
        now: later,
        toleranceSeconds: 0,
      }),
    ).toBe(true);
  });
});

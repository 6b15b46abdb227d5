/**
 * Verifying Waybill webhook deliveries. Each delivery is a JSON POST with the headers below;
 * `Waybill-Signature` is "v1=" and the lower-case hex HMAC-SHA256, keyed with the webhook's
 * signing secret, of the `Waybill-Timestamp` value, a ".", and the raw body. Uses WebCrypto
 * (`crypto.subtle`), so the same code runs in Node 20+, browsers, Deno and edge runtimes.
 */

/** The headers of every webhook delivery. */
export const WebhookHeaders = {
  webhookId: "Waybill-Webhook-Id",
  eventId: "Waybill-Event-Id",
  eventType: "Waybill-Event-Type",
  timestamp: "Waybill-Timestamp",
  signature: "Waybill-Signature",
} as const;

/** What {@link verifyWebhookSignature} checks. */
export interface VerifyWebhookSignatureOptions {
  /** The webhook's signing secret, as RegisterWebhook returned it. */
  readonly secret: string;
  /** The request body exactly as received: the raw text or bytes, not re-serialized JSON. */
  readonly body: string | Uint8Array;
  /** The `Waybill-Timestamp` header (Unix seconds). */
  readonly timestamp: string | null | undefined;
  /** The `Waybill-Signature` header; several comma-separated `v1=` values are accepted. */
  readonly signature: string | null | undefined;
  /** How old (or how far ahead) the timestamp may be, in seconds (default 300; 0 skips the check). */
  readonly toleranceSeconds?: number;
  /** The current time (default now). */
  readonly now?: Date;
}

const encoder = new TextEncoder();

function signedBytes(timestamp: string, body: string | Uint8Array): Uint8Array {
  const prefix = encoder.encode(`${timestamp}.`);
  const payload = typeof body === "string" ? encoder.encode(body) : body;
  const bytes = new Uint8Array(prefix.length + payload.length);
  bytes.set(prefix);
  bytes.set(payload, prefix.length);
  return bytes;
}

async function hmacSha256(secret: string, data: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, data as Uint8Array<ArrayBuffer>));
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Compares two equally long strings in time independent of where they differ. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** What {@link signWebhookPayload} signs. */
export interface SignWebhookPayloadOptions {
  /** The webhook's signing secret. */
  readonly secret: string;
  /** When the delivery is sent, in Unix seconds (the `Waybill-Timestamp` header). */
  readonly timestamp: number | string;
  /** The request body exactly as sent. */
  readonly body: string | Uint8Array;
}

/**
 * The `Waybill-Signature` value of a body signed at `timestamp`, as Waybill sends it: for tests
 * of a receiver. Takes the same object as {@link verifyWebhookSignature}.
 *
 * @example
 * await signWebhookPayload({ secret: "whsec_…", timestamp: 1700000000, body: '{"id":"…"}' }) // => "v1=6a85…"
 */
export async function signWebhookPayload(options: SignWebhookPayloadOptions): Promise<string> {
  const { secret, timestamp, body } = options;
  return `v1=${toHex(await hmacSha256(secret, signedBytes(String(timestamp), body)))}`;
}

/**
 * True when a delivery was signed with `secret` and its timestamp is recent (so a captured
 * delivery cannot be replayed later). Read the body raw, before parsing it.
 *
 * @example
 * const body = await request.text();
 * const valid = await verifyWebhookSignature({
 *   secret: process.env.WAYBILL_WEBHOOK_SECRET!,
 *   body,
 *   timestamp: request.headers.get(WebhookHeaders.timestamp),
 *   signature: request.headers.get(WebhookHeaders.signature),
 * });
 * if (!valid) return new Response("bad signature", { status: 400 });
 */
export async function verifyWebhookSignature(options: VerifyWebhookSignatureOptions): Promise<boolean> {
  const { timestamp, signature } = options;
  if (!timestamp || !signature || !/^\d{1,15}$/.test(timestamp)) return false;
  const tolerance = options.toleranceSeconds ?? 300;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (tolerance > 0 && Math.abs(nowSeconds - Number(timestamp)) > tolerance) return false;
  const expected = await signWebhookPayload({ secret: options.secret, timestamp, body: options.body });
  let valid = false;
  for (const candidate of signature.split(","))
    valid = constantTimeEqual(candidate.trim().toLowerCase(), expected) || valid;
  return valid;
}

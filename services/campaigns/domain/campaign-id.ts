import { createHash } from "node:crypto";

/**
 * The id of the campaign CreateCampaign stores for a brand's idempotency key: a name-based UUID
 * (RFC 9562 version 8, from SHA-256). It is also sent to the platform as the campaign's external
 * reference and idempotency key, so a retry after a lost answer finds the campaign the platform
 * kept instead of making a second one, and the reconciler imports such a campaign under this id.
 *
 * @example
 * campaignIdFor("acme", "spring-launch"); // the same UUID on every call
 */
export function campaignIdFor(brandId: string, idempotencyKey: string): string {
  const hex = createHash("sha256").update(`waybill.campaigns\u0000${brandId}\u0000${idempotencyKey}`).digest("hex");
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

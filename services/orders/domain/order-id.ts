import { createHash } from "node:crypto";

/** Namespace of Waybill order ids (a fixed random UUID). */
const orderNamespace = "3c8e5a52-1f0b-4d7e-9a61-6f2b8c0d4e17";

/**
 * The id of the order placed with an idempotency key: a name-based UUID (version 5, SHA-1) of
 * the caller's scope and the key. A retry after a crash derives the same id, so it finds the
 * Inventory reservation its first attempt made instead of holding stock twice.
 *
 * @example
 * orderIdFor("PlaceOrder/customer/7f…/acme", "checkout-42"); // the same UUID on every call
 */
export function orderIdFor(scope: string, idempotencyKey: string): string {
  return uuidV5(orderNamespace, `${scope}\u0000${idempotencyKey}`);
}

/** RFC 9562 version-5 UUID of `name` in `namespace`. */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replace(/-/g, ""), "hex"))
    .update(name, "utf8")
    .digest();
  const bytes = hash.subarray(0, 16);
  // Version 5 in the high nibble of byte 6, the RFC variant in the high bits of byte 8.
  bytes.writeUInt8((bytes.readUInt8(6) & 0x0f) | 0x50, 6);
  bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

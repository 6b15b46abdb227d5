import type { DeliveryAddress } from "@waybill/sdk/orders";

/** A delivery address as the lines of a label: empty parts left out, the instructions quoted. */
export function addressLines(address: DeliveryAddress | undefined): readonly string[] {
  if (!address) return [];
  return [
    address.recipientName,
    address.line1,
    address.line2,
    `${address.postalCode} ${address.city}`.trim(),
    address.countryCode,
    address.phone,
    address.instructions ? `“${address.instructions}”` : "",
  ].filter(Boolean);
}

import { createHash } from "node:crypto";

/** What the load works on: a brand's items (one currency) and customers who order them. */
export interface Workload {
  readonly brandId: string;
  /** SKUs of the brand's items, all priced in {@link currencyCode} (an order takes one currency). */
  readonly skus: readonly string[];
  readonly currencyCode: string;
  readonly customerIds: readonly string[];
  /** Whether `--setup` created (or found, on a repeat) the items and customers. */
  readonly origin: "setup" | "discovered";
}

/** The SKU of setup's item `index` (from 0): `LOAD-0001`, `LOAD-0002`, ... */
export function setupSku(index: number): string {
  return `LOAD-${String(index + 1).padStart(4, "0")}`;
}

/**
 * The id setup gives customer `index` of a brand: a name-based UUID (version 5 layout over
 * SHA-1), so a repeated setup, under any token, names the same customers and can find them again.
 */
export function setupCustomerId(brandId: string, index: number): string {
  return nameBasedUuid(`waybill-load/${brandId}/customer/${index}`);
}

/** A UUID derived from `name` (version 5 layout over SHA-1): the same name always gives the same id. */
export function nameBasedUuid(name: string): string {
  const hash = createHash("sha1").update(name).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The email of setup's customer `index` of a brand (unique among customers, as Waybill wants). */
export function setupCustomerEmail(brandId: string, index: number): string {
  return `customer-${index + 1}.${brandId}@load.example.com`;
}

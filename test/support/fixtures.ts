import { randomUUID } from "node:crypto";
import type { MessageInitShape } from "@bufbuild/protobuf";
import {
  type CreateItemRequestSchema,
  type LedgerEntry,
  LedgerReason,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { PlaceOrderRequest, PlaceOrderRequestSchema } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Waybill } from "@waybill/sdk";
import { allPages } from "./pages.js";

/** A fresh order id. */
export const orderId = (): string => randomUUID();

/**
 * A CreateItem request: EUR 5.00 and threshold 0 unless told otherwise, keyed by brand and SKU (so
 * creating the same item again replays the first answer).
 */
export function itemRequest(
  brandId: string,
  sku: string,
  options: {
    readonly price?: bigint;
    readonly currencyCode?: string;
    readonly threshold?: bigint;
    readonly name?: string;
  } = {},
): MessageInitShape<typeof CreateItemRequestSchema> {
  return {
    brandId,
    sku,
    name: options.name ?? `Item ${sku}`,
    unitPrice: { currencyCode: options.currencyCode ?? "EUR", minorUnits: options.price ?? 500n },
    lowStockThreshold: options.threshold ?? 0n,
    idempotencyKey: `create-${brandId}-${sku}`,
  };
}

/**
 * Creates an item (as a brand or admin client; an existing one is left as it is) and restocks it
 * with `onHand` more units (none when 0).
 */
export async function stockedItem(
  client: Waybill,
  brandId: string,
  sku: string,
  onHand: number,
  options: { readonly price?: bigint; readonly currencyCode?: string } = {},
): Promise<void> {
  await client.inventory.createItem(itemRequest(brandId, sku, options));
  if (onHand > 0) {
    await client.inventory.adjustStock({
      brandId,
      sku,
      delta: BigInt(onHand),
      reason: LedgerReason.RESTOCK,
      idempotencyKey: `restock-${brandId}-${sku}-${randomUUID()}`,
    });
  }
}

/** Changes an item's stock by `delta` units: a RESTOCK when positive, an ADJUSTMENT when negative. */
export function changeStock(client: Waybill, brandId: string, sku: string, delta: bigint, idempotencyKey: string) {
  return client.inventory.adjustStock({
    brandId,
    sku,
    delta,
    reason: delta > 0n ? LedgerReason.RESTOCK : LedgerReason.ADJUSTMENT,
    idempotencyKey,
  });
}

/** The level of an item now: on hand, reserved, available and ledger sequence as numbers. */
export async function levelOf(client: Waybill, brandId: string, sku: string) {
  const { stock } = await client.inventory.getStock({ brandId, sku });
  return {
    onHand: Number(stock?.onHand),
    reserved: Number(stock?.reserved),
    available: Number(stock?.available),
    sequence: Number(stock?.ledgerSequence),
  };
}

/** Every ledger entry of an item, oldest first (paging through GetStockHistory). */
export async function ledgerOf(client: Waybill, brandId: string, sku: string): Promise<LedgerEntry[]> {
  return allPages(async (pageToken) => {
    const page = await client.inventory.getStockHistory({ brandId, sku, page: { pageSize: 500, pageToken } });
    return [page.entries, page.page?.nextPageToken];
  });
}

/** A ledger replayed by hand: the sums of its deltas (which must equal the live level) and its holds. */
export function sumLedger(entries: readonly LedgerEntry[]) {
  return entries.reduce(
    (sum, entry) => ({
      onHand: sum.onHand + Number(entry.deltaOnHand),
      reserved: sum.reserved + Number(entry.deltaReserved),
      reserves: sum.reserves + (entry.reason === LedgerReason.RESERVE ? 1 : 0),
    }),
    { onHand: 0, reserved: 0, reserves: 0 },
  );
}

/** A PlaceOrder request with a test address (zone `berlin-mitte` unless told otherwise). */
export function orderRequest(
  customerId: string,
  brandId: string,
  lines: readonly (readonly [sku: string, quantity: number])[],
  idempotencyKey: string,
  extra: Partial<Pick<PlaceOrderRequest, "promoCode" | "deliveryZone">> = {},
): MessageInitShape<typeof PlaceOrderRequestSchema> {
  return {
    customerId,
    brandId,
    lines: lines.map(([sku, quantity]) => ({ sku, quantity: BigInt(quantity) })),
    deliveryZone: extra.deliveryZone ?? "berlin-mitte",
    deliveryAddress: {
      recipientName: "Ada Lovelace",
      line1: "Invalidenstrasse 1",
      city: "Berlin",
      postalCode: "10115",
      countryCode: "DE",
    },
    promoCode: extra.promoCode ?? "",
    idempotencyKey,
  };
}

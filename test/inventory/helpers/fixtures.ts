import { randomUUID } from "node:crypto";
import { ConnectError } from "@connectrpc/connect";
import { type LedgerEntry, LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "../../../sdk/src/index.js";

/** The error a call failed with (fails the test when it succeeded). */
export async function errorOf(promise: Promise<unknown>): Promise<ConnectError> {
  return ConnectError.from(
    await promise.then(
      () => new Error("expected the call to fail"),
      (e: unknown) => e,
    ),
  );
}

/** A fresh order id. */
export const orderId = (): string => randomUUID();

/** A CreateItem request. */
export function itemRequest(
  brandId: string,
  sku: string,
  options: { readonly price?: bigint; readonly threshold?: bigint; readonly name?: string } = {},
) {
  return {
    brandId,
    sku,
    name: options.name ?? `Item ${sku}`,
    unitPrice: { currencyCode: "EUR", minorUnits: options.price ?? 500n },
    lowStockThreshold: options.threshold ?? 0n,
    idempotencyKey: `create-${brandId}-${sku}`,
  };
}

/** Creates an item (as a brand or admin client) and restocks it. */
export async function stockedItem(
  client: Waybill,
  brandId: string,
  sku: string,
  onHand: number,
  price = 500n,
): Promise<void> {
  await client.inventory.createItem(itemRequest(brandId, sku, { price }));
  if (onHand > 0) {
    await client.inventory.adjustStock({
      brandId,
      sku,
      delta: BigInt(onHand),
      reason: LedgerReason.RESTOCK,
      idempotencyKey: `restock-${brandId}-${sku}`,
    });
  }
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
  const entries: LedgerEntry[] = [];
  let pageToken = "";
  do {
    const page = await client.inventory.getStockHistory({ brandId, sku, page: { pageSize: 500, pageToken } });
    entries.push(...page.entries);
    pageToken = page.page?.nextPageToken ?? "";
  } while (pageToken);
  return entries;
}

/** Sums a ledger's deltas, which must equal the live level. */
export function sumLedger(entries: readonly LedgerEntry[]) {
  return entries.reduce(
    (sum, entry) => ({
      onHand: sum.onHand + Number(entry.deltaOnHand),
      reserved: sum.reserved + Number(entry.deltaReserved),
    }),
    { onHand: 0, reserved: 0 },
  );
}

/** Polling until a condition holds: the shared test helper. */
export { waitFor } from "../../support/wait-for.js";

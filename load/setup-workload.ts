import { Code, ConnectError } from "@connectrpc/connect";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import { setupCustomerEmail, setupCustomerId, setupSku, type Workload } from "./workload.js";

/** How much `--setup` creates. */
export interface SetupOptions {
  readonly brandId: string;
  readonly items: number;
  readonly customers: number;
  /** Units each item is restocked with, once per amount (a repeat with the same amount adds nothing). */
  readonly stock: number;
  /** The Connect timeout of each call. */
  readonly timeoutMs: number;
}

/** The currency of every item setup creates. */
const setupCurrency = "EUR";
/** Calls setup keeps open at once. */
const setupConcurrency = 8;

/**
 * Creates the brand's items with stock and the customers through the API, idempotently: every
 * request has a fixed idempotency key (and each customer a fixed id), so a repeat replays the
 * answers or finds what is already there (ALREADY_EXISTS) and adds nothing. Needs a token that
 * may create items of the brand and customers (admin, or service and partner together: use admin).
 */
export async function setUpWorkload(client: Waybill, options: SetupOptions): Promise<Workload> {
  const { brandId, timeoutMs } = options;
  const call = { timeoutMs };
  const skus = Array.from({ length: options.items }, (_, index) => setupSku(index));
  await inParallel(skus, async (sku, index) => {
    await ignoreAlreadyExists(() =>
      client.inventory.createItem(
        {
          brandId,
          sku,
          name: `Load item ${index + 1}`,
          unitPrice: { currencyCode: setupCurrency, minorUnits: BigInt(100 + ((index * 37) % 900)) },
          lowStockThreshold: 10n,
          idempotencyKey: `load-item-${sku}`,
        },
        call,
      ),
    );
    // The amount is part of the key: the same --stock adds nothing twice, another one restocks again.
    await client.inventory.adjustStock(
      {
        brandId,
        sku,
        delta: BigInt(options.stock),
        reason: LedgerReason.RESTOCK,
        reference: "waybill load setup",
        idempotencyKey: `load-setup-stock-${sku}-${options.stock}`,
      },
      call,
    );
  });
  const customerIds = Array.from({ length: options.customers }, (_, index) => setupCustomerId(brandId, index));
  await inParallel(customerIds, async (customerId, index) => {
    const created = await ignoreAlreadyExists(() =>
      client.orders.createCustomer(
        {
          customerId,
          name: `Load customer ${index + 1}`,
          email: setupCustomerEmail(brandId, index),
          idempotencyKey: `load-customer-${brandId}-${index + 1}`,
        },
        call,
      ),
    );
    // ALREADY_EXISTS under another token's key: the id or the email is taken; only the id is ours.
    if (!created) await client.orders.getCustomer({ customerId }, call);
  });
  return { brandId, skus, currencyCode: setupCurrency, customerIds, origin: "setup" };
}

/** Runs `call`; answers undefined instead of throwing when what it creates already exists. */
async function ignoreAlreadyExists<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ConnectError && error.code === Code.AlreadyExists) return undefined;
    throw error;
  }
}

/** Runs `work` on every value, {@link setupConcurrency} at a time; the first failure rejects. */
async function inParallel<T>(values: readonly T[], work: (value: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < values.length; index = next++) {
      await work(values[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(setupConcurrency, values.length) }, worker));
}

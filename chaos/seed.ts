import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { CampaignStatus } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";

/** The brand every chaos order is for. */
export const chaosBrand = "chaos";
/** The promo code of the run's campaign (a third of the orders carry it). */
export const chaosPromoCode = "CHAOS";
/** The brand's contact, who gets the low-stock and out-of-stock emails. */
export const chaosContact = "stock@chaos.test";

/** What the load draws from. */
export interface ChaosSeed {
  readonly skus: readonly string[];
  readonly customerIds: readonly string[];
  readonly campaignId: string;
}

/**
 * Creates the brand's items with a little stock each (the first restocks, keyed `seed-<sku>`),
 * its stock contact, customers, and an ACTIVE campaign with the promo code, all through one
 * replica before any fault.
 */
export async function seedChaos(
  admin: Waybill,
  options: { readonly skus: number; readonly initialStock: number; readonly customers: number },
): Promise<ChaosSeed> {
  const skus = Array.from(
    { length: options.skus },
    (_, i) => `SKU-${String.fromCharCode(65 + (i % 26))}${i >= 26 ? i : ""}`,
  );
  // The contact first: a new item announces StockLow and OutOfStock at once, and each alert must
  // reach both recipients (the contact and ADMIN_EMAIL).
  await admin.notifications.setBrandContact({ brandId: chaosBrand, email: chaosContact, idempotencyKey: "contact" });
  for (const sku of skus) {
    await admin.inventory.createItem({
      brandId: chaosBrand,
      sku,
      name: `Chaos ${sku}`,
      unitPrice: { currencyCode: "EUR", minorUnits: 250n },
      lowStockThreshold: 2n,
      idempotencyKey: `item-${sku}`,
    });
    await admin.inventory.adjustStock({
      brandId: chaosBrand,
      sku,
      delta: BigInt(options.initialStock),
      reason: LedgerReason.RESTOCK,
      idempotencyKey: `seed-${sku}`,
    });
  }
  const customerIds: string[] = [];
  for (let i = 0; i < options.customers; i++) {
    const { customer } = await admin.orders.createCustomer({
      name: `Chaos customer ${i}`,
      email: `customer${i}@chaos.test`,
      idempotencyKey: `customer-${i}`,
    });
    if (!customer) throw new Error("CreateCustomer answered no customer");
    customerIds.push(customer.customerId);
  }
  const now = Date.now();
  const { campaign } = await admin.campaigns.createCampaign({
    brandId: chaosBrand,
    name: "Chaos campaign",
    platform: "megaphone",
    budget: { currencyCode: "EUR", minorUnits: 1_000_000n },
    startTime: timestampFromDate(new Date(now - 3_600_000)),
    endTime: timestampFromDate(new Date(now + 86_400_000)),
    status: CampaignStatus.ACTIVE,
    promoCode: chaosPromoCode,
    idempotencyKey: "campaign",
  });
  if (!campaign) throw new Error("CreateCampaign answered no campaign");
  return { skus, customerIds, campaignId: campaign.campaignId };
}

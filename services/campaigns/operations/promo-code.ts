import type { Kysely } from "kysely";
import { alreadyExists } from "../../kit/errors/index.js";
import { type CampaignsDatabase, campaignWithPromoCode } from "../storage/index.js";

/** ALREADY_EXISTS when another campaign of the brand that is not archived has `promoCode`. */
export async function assertPromoCodeFree(
  trx: Kysely<CampaignsDatabase>,
  brandId: string,
  promoCode: string,
  exceptId?: string,
): Promise<void> {
  if (!promoCode) return;
  const holder = await campaignWithPromoCode(trx, brandId, promoCode, exceptId);
  if (holder)
    throw alreadyExists(
      `brand ${brandId} already has a campaign with promo code ${promoCode} - campaign ${holder.campaign_id}`,
    );
}

import type { Kysely } from "kysely";
import { mayActForBrand, type Principal } from "../../kit/auth/index.js";
import { notFound } from "../../kit/errors/index.js";
import { awaitsCreate } from "../domain/index.js";
import { type CampaignRow, type CampaignsDatabase, findCampaign } from "../storage/index.js";

/**
 * The campaign, when `principal` may see it (an operator, or a brand or partner of its brand),
 * row-locked with `lock`; NOT_FOUND otherwise, for another brand's campaign as for a missing one.
 * A create its platform has not confirmed yet does not exist for readers.
 */
export async function requireVisibleCampaign(
  db: Kysely<CampaignsDatabase>,
  principal: Principal,
  campaignId: string,
  options: { readonly lock?: boolean } = {},
): Promise<CampaignRow> {
  const row = await findCampaign(db, campaignId, options);
  // Another brand's campaign looks missing: campaign ids are derived from brand and key, so a
  // different answer would tell which ones exist.
  if (!row || awaitsCreate(row.platform_campaign_id) || !mayActForBrand(principal, row.brand_id)) {
    throw notFound(`campaign ${campaignId} does not exist`);
  }
  return row;
}

import type { Kysely } from "kysely";
import { assertBrandAccess, type Principal } from "../../kit/auth/index.js";
import { notFound } from "../../kit/errors/index.js";
import { awaitsCreate } from "../domain/index.js";
import { type CampaignRow, type CampaignsDatabase, findCampaign } from "../storage/index.js";

/**
 * The campaign, when `principal` may see it (an operator, or a brand or partner of its brand),
 * row-locked with `lock`; NOT_FOUND or PERMISSION_DENIED otherwise. A create its platform has not
 * confirmed yet does not exist for readers.
 */
export async function requireVisibleCampaign(
  db: Kysely<CampaignsDatabase>,
  principal: Principal,
  campaignId: string,
  options: { readonly lock?: boolean } = {},
): Promise<CampaignRow> {
  const row = await findCampaign(db, campaignId, options);
  if (!row || awaitsCreate(row.platform_campaign_id)) throw notFound(`campaign ${campaignId} does not exist`);
  assertBrandAccess(principal, row.brand_id);
  return row;
}

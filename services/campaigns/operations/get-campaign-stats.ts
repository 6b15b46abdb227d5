import type { Principal } from "../../kit/auth/index.js";
import { type CampaignRow, findStats, type StatsRow } from "../storage/index.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { requireVisibleCampaign } from "./visible-campaign.js";

/** A campaign and its stats (undefined before the first order used its code). */
export interface CampaignWithStats {
  readonly campaign: CampaignRow;
  readonly stats: StatsRow | undefined;
}

/** GetCampaignStats: a campaign the caller may see, with its stats; NOT_FOUND otherwise (another brand's looks missing). */
export async function getCampaignStats(
  ctx: CampaignsContext,
  principal: Principal,
  campaignId: string,
): Promise<CampaignWithStats> {
  const campaign = await requireVisibleCampaign(ctx.db, principal, campaignId);
  return { campaign, stats: await findStats(ctx.db, campaign.campaign_id) };
}

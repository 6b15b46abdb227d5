import type { Principal } from "../../kit/auth/index.js";
import type { CampaignRow } from "../storage/index.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { requireVisibleCampaign } from "./visible-campaign.js";

/** GetCampaign: the campaign, when the caller may see it; NOT_FOUND otherwise (another brand's looks missing). */
export async function getCampaign(
  ctx: CampaignsContext,
  principal: Principal,
  campaignId: string,
): Promise<CampaignRow> {
  return requireVisibleCampaign(ctx.db, principal, campaignId);
}

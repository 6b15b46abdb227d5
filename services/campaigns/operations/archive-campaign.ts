import type { Kysely } from "kysely";
import type { Principal } from "../../kit/auth/index.js";
import { type CampaignRow, type CampaignsDatabase, updateCampaign } from "../storage/index.js";
import { emitCampaignEvent } from "./campaign-events.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { pushCampaign } from "./push-campaign.js";
import { requireOwnCampaign } from "./update-campaign.js";

/**
 * Archives a campaign and removes it from its platform, publishing CampaignArchived. The campaign
 * ends LOCAL_ONLY, or FAILED with the reason when the platform could not be reached (the
 * reconciler removes it later). Its promo code is free for another campaign from then on; orders
 * placed with it later are not attributed to it. Archiving an archived campaign changes nothing.
 */
export async function archiveCampaign(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  principal: Principal,
  campaignId: string,
  signal?: AbortSignal,
): Promise<CampaignRow> {
  const current = await requireOwnCampaign(trx, principal, campaignId);
  if (current.status === "archived") return current;
  const now = ctx.now();
  const archived = await updateCampaign(trx, campaignId, {
    status: "archived",
    archived_at: now,
    updated_at: now,
    sync_state: "pending",
  });
  const pushed = await pushCampaign(ctx, archived, signal);
  const row = await updateCampaign(trx, campaignId, pushed.sync);
  await emitCampaignEvent(trx, ctx, row, { kind: "archived" }, principal.subject);
  return row;
}

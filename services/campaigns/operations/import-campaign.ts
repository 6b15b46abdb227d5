import { randomUUID } from "node:crypto";
import { ReconcileAction } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import type { Kysely } from "kysely";
import type { PlatformFields } from "../domain/index.js";
import type { PlatformCampaign } from "../platform/index.js";
import { type CampaignsDatabase, findCampaign } from "../storage/index.js";
import { reconcilerActor } from "./campaign-events.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { changed, failed, type ReconcileOutcome } from "./reconcile-outcome.js";
import { storeCampaign } from "./store-campaign.js";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const brandPattern = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** True when a platform campaign's external reference can be a Waybill campaign id. */
export function isCampaignId(externalRef: string): boolean {
  return uuid.test(externalRef);
}

/**
 * Stores a campaign only the platform has, for the brand its advertiser id names, SYNCED and
 * without a promo code, and publishes CampaignCreated by the reconciler. A campaign Waybill made
 * (its external reference a campaign id, whose create lost its answer) keeps that id, so a retry
 * of the create finds it. An external reference naming a local campaign linked to another platform
 * campaign marks a duplicate: it is reported, not imported.
 */
export async function importCampaign(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  platform: string,
  remote: PlatformCampaign,
  fields: PlatformFields,
): Promise<ReconcileOutcome> {
  const subject = { campaignId: "", brandId: remote.advertiser_id, platformCampaignId: remote.id };
  if (!brandPattern.test(remote.advertiser_id))
    return failed(subject, `advertiser ${remote.advertiser_id} is not a brand id - not imported`);
  let campaignId: string = randomUUID();
  if (isCampaignId(remote.external_ref)) {
    const owner = await findCampaign(trx, remote.external_ref);
    if (owner)
      return failed(
        { ...subject, campaignId: owner.campaign_id },
        `a duplicate of campaign ${owner.campaign_id} on the platform - delete one of them there`,
      );
    campaignId = remote.external_ref.toLowerCase();
  }
  const row = await storeCampaign(
    trx,
    ctx,
    { ...fields, campaignId, brandId: remote.advertiser_id, platform, promoCode: "", platformCampaignId: remote.id },
    reconcilerActor,
  );
  if (!row) return failed(subject, "it could not be stored - it is linked to another campaign");
  return changed({ ...subject, campaignId }, ReconcileAction.IMPORTED);
}

import type { Kysely } from "kysely";
import type { PlatformFields } from "../domain/index.js";
import {
  type CampaignRow,
  type CampaignsDatabase,
  fieldColumns,
  insertCampaign,
  insertStats,
} from "../storage/index.js";
import { emitCampaignEvent } from "./campaign-events.js";
import type { CampaignsContext } from "./campaigns-context.js";

/** A campaign to store, in line with its copy on the platform. */
export interface SyncedCampaign extends PlatformFields {
  readonly campaignId: string;
  readonly brandId: string;
  readonly platform: string;
  /** Upper case; empty for none. */
  readonly promoCode: string;
  readonly platformCampaignId: string;
}

/**
 * Stores a new campaign as SYNCED, its stats at zero (revenue counted in its budget's currency),
 * and publishes CampaignCreated by `actor`, all in `trx`. Undefined, with nothing stored, when its
 * id, its platform campaign or its promo code is taken.
 */
export async function storeCampaign(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  campaign: SyncedCampaign,
  actor: string,
): Promise<CampaignRow | undefined> {
  const now = ctx.now();
  const row = await insertCampaign(trx, {
    campaign_id: campaign.campaignId,
    brand_id: campaign.brandId,
    ...fieldColumns(campaign),
    platform: campaign.platform,
    promo_code: campaign.promoCode,
    platform_campaign_id: campaign.platformCampaignId,
    sync_state: "synced",
    last_sync_error: "",
    last_sync_at: now,
    created_at: now,
    updated_at: now,
    archived_at: null,
  });
  if (!row) return undefined;
  await insertStats(trx, {
    campaignId: row.campaign_id,
    brandId: row.brand_id,
    currencyCode: row.currency_code,
    at: now,
  });
  await emitCampaignEvent(trx, ctx, row, { kind: "created" }, actor);
  return row;
}

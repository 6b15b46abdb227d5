import type { Kysely } from "kysely";
import { awaitsCreate, type PlatformFields } from "../domain/index.js";
import { type PlatformCampaign, platformBody } from "../platform/index.js";
import {
  type CampaignRow,
  type CampaignsDatabase,
  fieldColumns,
  insertStats,
  platformFields,
} from "../storage/index.js";
import { callWithinLease } from "./call-within-lease.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { recordOutcome } from "./push-claim.js";

/**
 * Creates a stored, unconfirmed campaign on its platform, outside any transaction and within the
 * lease of the caller's claim, with the campaign id as `external_ref` and as the create's
 * idempotency key: however often it is called (a retry, the reconciler completing a create whose
 * replica died), the platform keeps one campaign for it and answers that one.
 */
export async function createOnPlatform(
  ctx: CampaignsContext,
  row: CampaignRow,
  signal?: AbortSignal,
): Promise<PlatformCampaign> {
  const client = ctx.platforms.get(row.platform);
  return callWithinLease(ctx, row.platform, signal, (bounded) =>
    client.create(
      { advertiser_id: row.brand_id, external_ref: row.campaign_id, ...platformBody(platformFields(row)) },
      row.campaign_id,
      bounded,
    ),
  );
}

/**
 * Confirms a create on the locked row `pending` once its platform campaign is known: links it
 * (SYNCED), starts its stats at zero (revenue counted in its budget's currency), clears its claim
 * and publishes CampaignCreated by whoever created it, all in `trx`. `fields`, when given, are
 * the platform's current values, which win (the reconciler found the campaign listed). Whoever
 * gets there first confirms; a campaign already confirmed is returned as it is.
 */
export async function confirmCreate(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  pending: CampaignRow,
  platformCampaignId: string,
  fields?: PlatformFields,
): Promise<CampaignRow> {
  if (!awaitsCreate(pending.platform_campaign_id)) return pending;
  const now = ctx.now();
  const row = await recordOutcome(trx, ctx, pending, {
    ...(fields ? { ...fieldColumns(fields), updated_at: now } : {}),
    platform_campaign_id: platformCampaignId,
    sync_state: "synced",
    last_sync_error: "",
    last_sync_at: now,
  });
  await insertStats(trx, {
    campaignId: row.campaign_id,
    brandId: row.brand_id,
    currencyCode: row.currency_code,
    at: now,
  });
  return row;
}

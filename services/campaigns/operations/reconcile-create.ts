import { ReconcileAction } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { awaitsCreate, platformFieldNames } from "../domain/index.js";
import { type PlatformCampaign, PlatformError } from "../platform/index.js";
import {
  claimColumns,
  deleteUnconfirmedCreate,
  findCampaign,
  lockCampaignKey,
  releaseClaim,
  updateCampaign,
} from "../storage/index.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { confirmCreate, createOnPlatform } from "./complete-create.js";
import { claimHolds, newClaim } from "./push-claim.js";
import { changed, failed, type ReconcileOutcome } from "./reconcile-outcome.js";
import { recordAfterCall } from "./record-after-call.js";

/**
 * Completes a create whose caller is gone (its replica died, or lost the database, between
 * storing the campaign and confirming it, and its claim has ended): claims it, creates it on the
 * platform with the campaign id as idempotency key (the platform answers the campaign it may
 * already have made), and confirms it with CampaignCreated by the original caller — PUSHED. When
 * the platform cannot be reached the claim is given back for the next reconcile or a retry of the
 * create (FAILED); when the platform refuses the campaign, the create is dropped (FAILED), since
 * nobody waits for it any more.
 */
export async function completeAbandonedCreate(
  ctx: CampaignsContext,
  campaignId: string,
  signal?: AbortSignal,
): Promise<ReconcileOutcome> {
  const claimed = await ctx.db.transaction().execute(async (trx) => {
    await lockCampaignKey(trx, campaignId);
    const row = await findCampaign(trx, campaignId, { lock: true });
    if (!row || !awaitsCreate(row.platform_campaign_id) || claimHolds(ctx, row)) return undefined;
    const claim = newClaim(ctx);
    return { row: await updateCampaign(trx, campaignId, claimColumns(claim)), token: claim.token };
  });
  if (!claimed) return { kind: "skipped" };
  const subject = { campaignId, brandId: claimed.row.brand_id, platformCampaignId: "" };
  let remote: PlatformCampaign;
  try {
    remote = await createOnPlatform(ctx, claimed.row, signal);
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    if (error.kind === "rejected" || error.kind === "conflict") {
      await recordAfterCall(() => deleteUnconfirmedCreate(ctx.db, campaignId, claimed.token));
      return failed(subject, `${error.message} - the create was dropped`);
    }
    await recordAfterCall(() => releaseClaim(ctx.db, campaignId, claimed.token));
    return failed(subject, error.message);
  }
  return recordAfterCall(() =>
    ctx.db.transaction().execute(async (trx): Promise<ReconcileOutcome> => {
      const pending = await findCampaign(trx, campaignId, { lock: true });
      if (!pending) return { kind: "skipped" };
      const row = await confirmCreate(trx, ctx, pending, remote.id);
      return changed({ ...subject, platformCampaignId: row.platform_campaign_id }, ReconcileAction.PUSHED, [
        ...platformFieldNames,
      ]);
    }),
  );
}

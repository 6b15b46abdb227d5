import { ReconcileAction } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { awaitsCreate, isUndoneCreate, platformFieldNames } from "../domain/index.js";
import { type PlatformCampaign, PlatformError } from "../platform/index.js";
import {
  type CampaignRow,
  claimColumns,
  deleteUnconfirmedCreate,
  deleteUndoneCreate,
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
import { confirmOrUndo } from "./undo-create.js";

/**
 * Completes a create whose caller is gone (its replica died, or lost the database, between
 * storing the campaign and confirming it, and its claim has ended): claims it, creates it on the
 * platform with the campaign id as idempotency key (the platform answers the campaign it may
 * already have made), and confirms it with CampaignCreated by the original caller — PUSHED. When
 * the platform cannot be reached the claim is given back for the next reconcile or a retry of the
 * create (FAILED); when the platform refuses the campaign, the create is dropped (FAILED), since
 * nobody waits for it any more; when it cannot be stored, the create is undone (FAILED, see
 * {@link confirmOrUndo}). An undone create whose platform copy the complete listing begun at
 * `listedAt` lacked (`listedRefs` holds the listed external references) is gone from the
 * platform, and is deleted — PUSHED `status`; one still listed is left to its removal.
 */
export async function completeAbandonedCreate(
  ctx: CampaignsContext,
  campaignId: string,
  listed: { readonly refs: ReadonlySet<string>; readonly at: Date },
  signal?: AbortSignal,
): Promise<ReconcileOutcome> {
  const claimed = await ctx.db.transaction().execute(async (trx): Promise<AbandonedStep> => {
    await lockCampaignKey(trx, campaignId);
    const row = await findCampaign(trx, campaignId, { lock: true });
    if (!row || !awaitsCreate(row.platform_campaign_id) || claimHolds(ctx, row)) return { kind: "skipped" };
    if (isUndoneCreate(row.platform_campaign_id, row.sync_state)) {
      if (listed.refs.has(campaignId) || row.updated_at > listed.at) return { kind: "skipped" };
      await deleteUndoneCreate(trx, campaignId);
      return { kind: "removed", brandId: row.brand_id };
    }
    const claim = newClaim(ctx);
    return { kind: "claimed", row: await updateCampaign(trx, campaignId, claimColumns(claim)), token: claim.token };
  });
  if (claimed.kind === "skipped") return { kind: "skipped" };
  if (claimed.kind === "removed")
    return changed({ campaignId, brandId: claimed.brandId, platformCampaignId: "" }, ReconcileAction.PUSHED, [
      "status",
    ]);
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
  const result = await confirmOrUndo(ctx, claimed.row, claimed.token, remote, () =>
    ctx.db.transaction().execute(async (trx): Promise<ReconcileOutcome> => {
      const pending = await findCampaign(trx, campaignId, { lock: true });
      if (!pending) return { kind: "skipped" };
      const row = await confirmCreate(trx, ctx, pending, remote.id);
      return changed({ ...subject, platformCampaignId: row.platform_campaign_id }, ReconcileAction.PUSHED, [
        ...platformFieldNames,
      ]);
    }),
  );
  return result.kind === "confirmed"
    ? result.value
    : failed({ ...subject, platformCampaignId: remote.id }, result.reason);
}

/** What the first transaction of an abandoned create came to. */
type AbandonedStep =
  | { readonly kind: "skipped" }
  | { readonly kind: "removed"; readonly brandId: string }
  | { readonly kind: "claimed"; readonly row: CampaignRow; readonly token: string };

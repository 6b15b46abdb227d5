import { ReconcileAction } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { awaitsCreate, decideUnlisted } from "../domain/index.js";
import { findCampaign, updateCampaign } from "../storage/index.js";
import { emitCampaignEvent, reconcilerActor } from "./campaign-events.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { claimHolds, settleEndedClaim } from "./push-claim.js";
import { changed, type ReconcileOutcome } from "./reconcile-outcome.js";

/**
 * Reconciles a local campaign its platform's complete listing did not contain, in its own
 * transaction (see {@link decideUnlisted}): one deleted on the platform is archived locally
 * (CampaignArchived by the reconciler); an archived one waiting for its removal is recorded as
 * removed. A campaign claimed by a platform call in flight, or changed since `listedAt`, is left to
 * the next reconcile. No platform call is made here.
 */
export async function reconcileUnlisted(
  ctx: CampaignsContext,
  campaignId: string,
  listedAt: Date,
): Promise<ReconcileOutcome> {
  return ctx.db.transaction().execute(async (trx) => {
    const found = await findCampaign(trx, campaignId, { lock: true });
    if (!found || awaitsCreate(found.platform_campaign_id) || claimHolds(ctx, found)) return { kind: "skipped" };
    const local = await settleEndedClaim(trx, ctx, found);
    const subject = { campaignId, brandId: local.brand_id, platformCampaignId: local.platform_campaign_id };
    const now = ctx.now();
    const decision = decideUnlisted({
      status: local.status,
      syncState: local.sync_state,
      changedSinceListing: local.updated_at > listedAt,
    });
    switch (decision.kind) {
      case "skip":
        return { kind: "skipped" };
      case "in_line":
        return { kind: "unchanged" };
      case "removed":
        await updateCampaign(trx, campaignId, { sync_state: "local_only", last_sync_error: "", last_sync_at: now });
        return changed(subject, ReconcileAction.PUSHED, ["status"]);
      case "archive": {
        const row = await updateCampaign(trx, campaignId, {
          status: "archived",
          archived_at: now,
          updated_at: now,
          sync_state: "local_only",
          last_sync_error: "",
          last_sync_at: now,
        });
        await emitCampaignEvent(trx, ctx, row, { kind: "archived" }, reconcilerActor);
        return changed(subject, ReconcileAction.ARCHIVED, ["status"]);
      }
    }
  });
}

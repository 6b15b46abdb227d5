import { ReconcileAction } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { awaitsCreate, decideUnlisted, retryWaits } from "../domain/index.js";
import { type CampaignRow, findCampaign, updateCampaign } from "../storage/index.js";
import { emitCampaignEvent, reconcilerActor } from "./campaign-events.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { claimHolds, settleEndedClaim } from "./push-claim.js";
import { changed, failed, type ReconcileOutcome } from "./reconcile-outcome.js";
import { recordOrBackOff } from "./record-or-back-off.js";

/**
 * Reconciles a local campaign its platform's complete listing did not contain, in its own
 * transaction (see {@link decideUnlisted}): one deleted on the platform is archived locally
 * (CampaignArchived by the reconciler); an archived one waiting for its removal is recorded as
 * removed. A campaign claimed by a platform call in flight, or changed since `listedAt`, is left to
 * the next reconcile, and one whose retry waits until it is due. No platform call is made here;
 * a transaction that fails for good marks the campaign FAILED and backs off (see
 * {@link recordOrBackOff}).
 */
export async function reconcileUnlisted(
  ctx: CampaignsContext,
  campaignId: string,
  listedAt: Date,
): Promise<ReconcileOutcome> {
  const recorded = await recordOrBackOff(ctx, { campaignId, token: null, describe: unrecordedRemoval }, () =>
    reconcileUnlistedNow(ctx, campaignId, listedAt),
  );
  if (recorded.kind === "recorded") return recorded.value;
  return failed({ campaignId, brandId: "", platformCampaignId: "" }, recorded.reason);
}

/** The transaction of {@link reconcileUnlisted}. */
function reconcileUnlistedNow(ctx: CampaignsContext, campaignId: string, listedAt: Date): Promise<ReconcileOutcome> {
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
      retryWaits: retryWaits(local.sync_attempts, local.retry_at, now),
    });
    switch (decision.kind) {
      case "skip":
        return { kind: "skipped" };
      case "in_line":
        return { kind: "unchanged" };
      case "removed":
        await updateCampaign(trx, campaignId, { sync_state: "local_only", ...syncedAt(now) });
        return changed(subject, ReconcileAction.PUSHED, ["status"]);
      case "archive": {
        const row = await updateCampaign(trx, campaignId, {
          status: "archived",
          archived_at: now,
          updated_at: now,
          sync_state: "local_only",
          ...syncedAt(now),
        });
        await emitCampaignEvent(trx, ctx, row, { kind: "archived" }, reconcilerActor);
        return changed(subject, ReconcileAction.ARCHIVED, ["status"]);
      }
    }
  });
}

/** The sync columns of a campaign in line with its platform at `now`: no error, no retry pending. */
function syncedAt(now: Date) {
  return { last_sync_error: "", last_sync_at: now, sync_attempts: 0, retry_at: null } as const;
}

/** What could not be recorded about a campaign the platform no longer has. */
function unrecordedRemoval(row: CampaignRow): string {
  const platform = `the ad platform ${row.platform}`;
  return row.status === "archived"
    ? `${platform} no longer has archived campaign ${row.campaign_id} but recording its removal failed`
    : `${platform} no longer has campaign ${row.campaign_id} but archiving it failed`;
}

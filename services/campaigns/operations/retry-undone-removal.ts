import { ReconcileAction } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { maxSyncAttempts, nextSyncRetryAt } from "../domain/index.js";
import {
  type CampaignRow,
  deleteUnconfirmedCreate,
  findCampaign,
  noClaim,
  releaseClaim,
  updateCampaign,
} from "../storage/index.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { type ChangeSubject, changed, failed, type ReconcileOutcome } from "./reconcile-outcome.js";
import { recordAfterCall } from "./record-after-call.js";
import { removeFromPlatform } from "./undo-create.js";

/**
 * Tries again to remove the platform copy `platformCampaignId` of an undone create (`row`, which
 * `token` claims and whose removal is due), outside any transaction, then records the outcome
 * while the claim is still its own: removed (or already gone), the campaign is deleted — PUSHED
 * `status`; failed, it stays FAILED with one more attempt counted and the next one scheduled
 * (see {@link nextSyncRetryAt}) — FAILED, saying so once the reconciler gives up. A reconcile that
 * is stopping gives the claim back without counting an attempt.
 */
export async function retryUndoneRemoval(
  ctx: CampaignsContext,
  row: CampaignRow,
  token: string,
  platformCampaignId: string,
  subject: ChangeSubject,
  signal?: AbortSignal,
): Promise<ReconcileOutcome> {
  const failure = await removeFromPlatform(ctx, row.platform, platformCampaignId, signal);
  if (failure?.kind === "aborted") {
    await recordAfterCall(() => releaseClaim(ctx.db, row.campaign_id, token));
    return { kind: "skipped" };
  }
  return recordAfterCall(() =>
    ctx.db.transaction().execute(async (trx): Promise<ReconcileOutcome> => {
      const claimed = await findCampaign(trx, row.campaign_id, { lock: true });
      if (claimed?.push_token !== token) return { kind: "skipped" };
      if (!failure) {
        await deleteUnconfirmedCreate(trx, row.campaign_id, token);
        return changed(subject, ReconcileAction.PUSHED, ["status"]);
      }
      const attempts = claimed.sync_attempts + 1;
      const now = ctx.now();
      const retryAt = nextSyncRetryAt(now, attempts);
      const then = retryAt
        ? "the reconciler tries again"
        : `the reconciler gave up after ${maxSyncAttempts} attempts - remove it on the platform by hand`;
      const reason = `the create of campaign ${row.campaign_id} was undone but removing it as ${platformCampaignId} from the ad platform ${row.platform} failed (${failure.message}) - ${then}`;
      await updateCampaign(trx, row.campaign_id, {
        ...noClaim,
        sync_state: "failed",
        last_sync_error: reason,
        updated_at: now,
        sync_attempts: attempts,
        retry_at: retryAt,
      });
      return failed(subject, reason);
    }),
  );
}

import { ReconcileAction } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { decideListed, type PlatformFields } from "../domain/index.js";
import { type PlatformCampaign, toPlatformFields } from "../platform/index.js";
import {
  fieldColumns,
  findByPlatformCampaign,
  lockCampaignKey,
  sharedFields,
  updateCampaign,
} from "../storage/index.js";
import { emitCampaignEvent, reconcilerActor } from "./campaign-events.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { importCampaign, isCampaignId } from "./import-campaign.js";
import { pushCampaign } from "./push-campaign.js";
import { changed, failed, type ReconcileOutcome } from "./reconcile-outcome.js";

/**
 * Reconciles one campaign the platform listed, in its own transaction (see {@link decideListed}):
 * imports it when no local campaign is linked to it; takes the platform's values into a synced
 * local copy that drifted (CampaignUpdated by the reconciler); pushes a local change the platform
 * has not seen; removes an archived campaign from the platform. A campaign changed since
 * `listedAt` is left to the next reconcile. The campaign's lock (its Waybill id, or its platform
 * id) keeps an import from racing the create that made it.
 */
export async function reconcileListed(
  ctx: CampaignsContext,
  platform: string,
  remote: PlatformCampaign,
  listedAt: Date,
  signal?: AbortSignal,
): Promise<ReconcileOutcome> {
  const subject = { campaignId: "", brandId: remote.advertiser_id, platformCampaignId: remote.id };
  let fields: PlatformFields;
  try {
    fields = toPlatformFields(remote);
  } catch (error) {
    return failed(subject, (error as Error).message);
  }
  return ctx.db.transaction().execute(async (trx) => {
    await lockCampaignKey(
      trx,
      isCampaignId(remote.external_ref) ? remote.external_ref.toLowerCase() : `${platform}:${remote.id}`,
    );
    const local = await findByPlatformCampaign(trx, platform, remote.id, { lock: true });
    if (!local) return importCampaign(trx, ctx, platform, remote, fields);
    const own = { ...subject, campaignId: local.campaign_id, brandId: local.brand_id };
    const decision = decideListed(
      { ...sharedFields(local), syncState: local.sync_state, changedSinceListing: local.updated_at > listedAt },
      fields,
    );
    switch (decision.kind) {
      case "skip":
        return { kind: "skipped" };
      case "in_line":
        return { kind: "unchanged" };
      case "pull": {
        const now = ctx.now();
        const row = await updateCampaign(trx, local.campaign_id, {
          ...fieldColumns(fields),
          sync_state: "synced",
          last_sync_error: "",
          last_sync_at: now,
          updated_at: now,
        });
        await emitCampaignEvent(trx, ctx, row, { kind: "updated", changedFields: decision.fields }, reconcilerActor);
        return changed(own, ReconcileAction.UPDATED, decision.fields);
      }
      case "push":
      case "remove": {
        const pushed = await pushCampaign(ctx, local, signal);
        await updateCampaign(trx, local.campaign_id, pushed.sync);
        if (!pushed.ok) return failed(own, pushed.error.message);
        return changed(own, ReconcileAction.PUSHED, decision.kind === "remove" ? ["status"] : decision.fields);
      }
    }
  });
}

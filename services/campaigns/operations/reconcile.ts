import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  type CampaignChange,
  type ReconcileCampaignsResponse,
  ReconcileCampaignsResponseSchema,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { type PlatformCampaign, PlatformError } from "../platform/index.js";
import { campaignsOfPlatform, tryReconcileLock } from "../storage/index.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { reconcileListed } from "./reconcile-listed.js";
import { type ChangeSubject, failed, type ReconcileOutcome } from "./reconcile-outcome.js";
import { reconcileUnlisted } from "./reconcile-unlisted.js";

/** Which campaigns a reconcile covers. */
export interface ReconcileScope {
  /** Only this brand's campaigns (the platform is listed for its advertiser id only). */
  readonly brandId?: string;
  /** Only this platform; every configured one otherwise. */
  readonly platform?: string;
}

/**
 * Runs one reconcile unless another is running on any replica (then `undefined`): the PostgreSQL
 * advisory lock taken without waiting lives as long as a transaction held open for the run, so a
 * crashed replica frees it at once. For each platform, every page of its campaigns is listed; each
 * listed campaign is reconciled ({@link reconcileListed}), then each local campaign the listing
 * lacked ({@link reconcileUnlisted}). A platform that cannot be listed is one FAILED change and its
 * local campaigns are left alone; a campaign that fails is one FAILED change and the rest go on.
 * The report counts the campaigns listed, those left alone as in line, and every change.
 */
export async function reconcile(
  ctx: CampaignsContext,
  scope: ReconcileScope = {},
  signal?: AbortSignal,
): Promise<ReconcileCampaignsResponse | undefined> {
  const platforms = scope.platform ? [ctx.platforms.get(scope.platform).name] : ctx.platforms.names();
  return ctx.db.transaction().execute(async (lock) => {
    if (!(await tryReconcileLock(lock))) return undefined;
    const startTime = ctx.now();
    const changes: CampaignChange[] = [];
    let seen = 0;
    let unchanged = 0;
    const record = (outcome: ReconcileOutcome) => {
      if (outcome.kind === "changed") changes.push(outcome.change);
      else if (outcome.kind === "unchanged") unchanged++;
    };
    for (const name of platforms) {
      let listed: PlatformCampaign[];
      try {
        listed = await ctx.platforms.get(name).listAll(scope.brandId, signal);
      } catch (error) {
        if (!(error instanceof PlatformError)) throw error;
        record(failed({ campaignId: "", brandId: scope.brandId ?? "", platformCampaignId: "" }, error.message));
        continue;
      }
      seen += listed.length;
      const listedIds = new Set(listed.map((campaign) => campaign.id));
      for (const remote of listed) {
        const subject = { campaignId: "", brandId: remote.advertiser_id, platformCampaignId: remote.id };
        record(await guarded(ctx, subject, () => reconcileListed(ctx, name, remote, startTime, signal)));
      }
      for (const local of await campaignsOfPlatform(ctx.db, name, scope.brandId)) {
        if (listedIds.has(local.platform_campaign_id)) continue;
        const subject = { campaignId: local.campaign_id, brandId: "", platformCampaignId: local.platform_campaign_id };
        record(await guarded(ctx, subject, () => reconcileUnlisted(ctx, local.campaign_id, startTime)));
      }
    }
    return create(ReconcileCampaignsResponseSchema, {
      startTime: timestampFromDate(startTime),
      endTime: timestampFromDate(ctx.now()),
      platformCampaignsSeen: BigInt(seen),
      unchanged: BigInt(unchanged),
      changes,
    });
  });
}

/** Runs one campaign's reconcile; an unexpected error is logged and reported as its failure. */
async function guarded(
  ctx: CampaignsContext,
  subject: ChangeSubject,
  run: () => Promise<ReconcileOutcome>,
): Promise<ReconcileOutcome> {
  try {
    return await run();
  } catch (error) {
    ctx.logger.error({ err: error, ...subject }, "reconciling a campaign failed");
    return failed(subject, "an unexpected error - the server log has the details");
  }
}

import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  type CampaignChange,
  type ReconcileCampaignsResponse,
  ReconcileCampaignsResponseSchema,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { type PlatformCampaign, PlatformError } from "../platform/index.js";
import { abandonedCreates, campaignsOfPlatform } from "../storage/index.js";
import { callWithinLease } from "./call-within-lease.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { completeAbandonedCreate } from "./reconcile-create.js";
import { holdReconcileLease, type ReconcileLease } from "./reconcile-lease.js";
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
 * Runs one reconcile unless another is running on any replica (then `undefined`): the reconcile
 * lease (see {@link holdReconcileLease}) is taken in one statement, renewed before every step and
 * given back at the end, and no transaction stays open across a platform call. For each platform,
 * every page of its campaigns is listed; each listed campaign is reconciled
 * ({@link reconcileListed}), then each local campaign the listing lacked
 * ({@link reconcileUnlisted}), then each create whose caller is gone
 * ({@link completeAbandonedCreate}). A platform that cannot be listed is one FAILED change and its
 * local campaigns are left alone; a campaign that fails is one FAILED change and the rest go on.
 * The report counts the campaigns listed, those left alone as in line, and every change.
 */
export async function reconcile(
  ctx: CampaignsContext,
  scope: ReconcileScope = {},
  signal?: AbortSignal,
): Promise<ReconcileCampaignsResponse | undefined> {
  const platforms = scope.platform ? [ctx.platforms.get(scope.platform).name] : ctx.platforms.names();
  const lease = await holdReconcileLease(ctx);
  if (!lease) return undefined;
  try {
    const startTime = ctx.now();
    const changes: CampaignChange[] = [];
    let seen = 0;
    let unchanged = 0;
    const record = (outcome: ReconcileOutcome) => {
      if (outcome.kind === "changed") changes.push(outcome.change);
      else if (outcome.kind === "unchanged") unchanged++;
    };
    const step = async (subject: ChangeSubject, run: () => Promise<ReconcileOutcome>) => {
      await lease.renew();
      record(await guarded(ctx, subject, run));
    };
    for (const name of platforms) {
      let listed: PlatformCampaign[];
      try {
        listed = await listPlatform(ctx, name, lease, scope.brandId, signal);
      } catch (error) {
        if (!(error instanceof PlatformError)) throw error;
        record(failed({ campaignId: "", brandId: scope.brandId ?? "", platformCampaignId: "" }, error.message));
        continue;
      }
      seen += listed.length;
      const listedIds = new Set(listed.map((campaign) => campaign.id));
      const listedRefs = {
        refs: new Set(listed.map((campaign) => campaign.external_ref.toLowerCase())),
        at: startTime,
      };
      for (const remote of listed) {
        const subject = { campaignId: "", brandId: remote.advertiser_id, platformCampaignId: remote.id };
        await step(subject, () => reconcileListed(ctx, name, remote, startTime, signal));
      }
      for (const local of await campaignsOfPlatform(ctx.db, name, scope.brandId)) {
        if (listedIds.has(local.platform_campaign_id)) continue;
        const subject = { campaignId: local.campaign_id, brandId: "", platformCampaignId: local.platform_campaign_id };
        await step(subject, () => reconcileUnlisted(ctx, local.campaign_id, startTime));
      }
      for (const campaignId of await abandonedCreates(ctx.db, name, ctx.now(), scope.brandId)) {
        const subject = { campaignId, brandId: "", platformCampaignId: "" };
        await step(subject, () => completeAbandonedCreate(ctx, campaignId, listedRefs, signal));
      }
    }
    return create(ReconcileCampaignsResponseSchema, {
      startTime: timestampFromDate(startTime),
      endTime: timestampFromDate(ctx.now()),
      platformCampaignsSeen: BigInt(seen),
      unchanged: BigInt(unchanged),
      changes,
    });
  } finally {
    await lease.release();
  }
}

/**
 * Every page of a platform's campaigns (of one advertiser when given), each page one call within
 * the reconcile lease, renewed before it.
 */
async function listPlatform(
  ctx: CampaignsContext,
  name: string,
  lease: ReconcileLease,
  brandId: string | undefined,
  signal: AbortSignal | undefined,
): Promise<PlatformCampaign[]> {
  const client = ctx.platforms.get(name);
  const campaigns: PlatformCampaign[] = [];
  let pageToken = "";
  do {
    await lease.renew();
    const page = await callWithinLease(ctx, name, signal, (bounded) =>
      client.list({ ...(brandId ? { advertiserId: brandId } : {}), pageToken }, bounded),
    );
    campaigns.push(...page.campaigns);
    pageToken = page.next_page_token;
  } while (pageToken);
  return campaigns;
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

import { ReconcileAction } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import {
  awaitsCreate,
  decideListed,
  isUndoneCreate,
  type PlatformFieldName,
  type PlatformFields,
  retryWaits,
  syncRetryDue,
} from "../domain/index.js";
import { type PlatformCampaign, toPlatformFields } from "../platform/index.js";
import {
  type CampaignRow,
  claimColumns,
  fieldColumns,
  findByPlatformCampaign,
  findCampaign,
  lockCampaignKey,
  sharedFields,
  updateCampaign,
} from "../storage/index.js";
import { emitCampaignEvent, reconcilerActor } from "./campaign-events.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { confirmCreate } from "./complete-create.js";
import { importCampaign, isCampaignId } from "./import-campaign.js";
import { pushCampaign } from "./push-campaign.js";
import { claimHolds, newClaim, recordOutcome, settleEndedClaim } from "./push-claim.js";
import { type ChangeSubject, changed, failed, type ReconcileOutcome } from "./reconcile-outcome.js";
import { recordOrBackOff, unrecordedPush } from "./record-or-back-off.js";
import { retryUndoneRemoval } from "./retry-undone-removal.js";
import { confirmOrUndo } from "./undo-create.js";

/**
 * What the first transaction of a listed campaign came to: an outcome, a claimed push, a claimed
 * create to confirm, or a claimed undone create whose removal is due.
 */
type ListedStep =
  | { readonly kind: "done"; readonly outcome: ReconcileOutcome }
  | {
      readonly kind: "push";
      readonly row: CampaignRow;
      readonly token: string;
      readonly subject: ChangeSubject;
      readonly fields: readonly PlatformFieldName[];
    }
  | ClaimedCreate<"confirm">
  | ClaimedCreate<"remove_undone">;

/** An unconfirmed campaign claimed for `Kind`. */
interface ClaimedCreate<Kind extends string> {
  readonly kind: Kind;
  readonly row: CampaignRow;
  readonly token: string;
  readonly subject: ChangeSubject;
}

const done = (outcome: ReconcileOutcome): ListedStep => ({ kind: "done", outcome });

/**
 * Reconciles one campaign the platform listed (see {@link decideListed}), with no transaction open
 * while the platform is called: imports it when no local campaign is linked to it (or confirms the
 * create it came from, once that create's claim has ended, undoing it when it cannot be stored;
 * or removes it when that create was undone and its removal is due); takes the platform's values into a
 * synced local copy that drifted (CampaignUpdated by the reconciler); pushes a local change the
 * platform has not seen, or removes an archived campaign from the platform — claiming the
 * campaign in one short transaction, calling the platform outside it, and recording the outcome in
 * another while the claim is still its own (when that fails for good, the campaign is FAILED and
 * retried on a backoff, see {@link recordOrBackOff}; it is left alone until its retry is due). A campaign claimed by another call, or changed since
 * `listedAt`, is left to the next reconcile. The campaign's lock (its Waybill id, or its platform
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
  const step = await ctx.db.transaction().execute(async (trx): Promise<ListedStep> => {
    const ownId = isCampaignId(remote.external_ref) ? remote.external_ref.toLowerCase() : undefined;
    await lockCampaignKey(trx, ownId ?? `${platform}:${remote.id}`);
    const linked = await findByPlatformCampaign(trx, platform, remote.id, { lock: true });
    if (!linked) {
      const pending = ownId ? await findCampaign(trx, ownId, { lock: true }) : undefined;
      if (!pending || !awaitsCreate(pending.platform_campaign_id))
        return done(await importCampaign(trx, ctx, platform, remote, fields));
      if (claimHolds(ctx, pending)) return done({ kind: "skipped" });
      const undone = isUndoneCreate(pending.platform_campaign_id, pending.sync_state);
      if (undone && !syncRetryDue(pending.retry_at, ctx.now())) return done({ kind: "skipped" });
      const claim = newClaim(ctx);
      const row = await updateCampaign(trx, pending.campaign_id, claimColumns(claim));
      const own = { ...subject, campaignId: row.campaign_id, brandId: row.brand_id };
      const claimed = { row, token: claim.token, subject: own };
      return undone ? { kind: "remove_undone", ...claimed } : { kind: "confirm", ...claimed };
    }
    const own = { ...subject, campaignId: linked.campaign_id, brandId: linked.brand_id };
    if (claimHolds(ctx, linked)) return done({ kind: "skipped" });
    const local = await settleEndedClaim(trx, ctx, linked);
    const decision = decideListed(
      {
        ...sharedFields(local),
        syncState: local.sync_state,
        changedSinceListing: local.updated_at > listedAt,
        retryWaits: retryWaits(local.sync_attempts, local.retry_at, ctx.now()),
      },
      fields,
    );
    switch (decision.kind) {
      case "skip":
        return done({ kind: "skipped" });
      case "in_line":
        return done({ kind: "unchanged" });
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
        return done(changed(own, ReconcileAction.UPDATED, decision.fields));
      }
      case "push":
      case "remove": {
        const claim = newClaim(ctx);
        const row = await updateCampaign(trx, local.campaign_id, claimColumns(claim));
        const pushedFields = decision.kind === "remove" ? (["status"] as const) : decision.fields;
        return { kind: "push", row, token: claim.token, subject: own, fields: pushedFields };
      }
    }
  });
  if (step.kind === "done") return step.outcome;
  if (step.kind === "remove_undone")
    return retryUndoneRemoval(ctx, step.row, step.token, remote.id, step.subject, signal);
  if (step.kind === "confirm") return confirmListedCreate(ctx, step.row, step.token, remote, fields, step.subject);

  const pushed = await pushCampaign(ctx, step.row, signal);
  const sync = {
    campaignId: step.row.campaign_id,
    token: step.token,
    describe: (row: CampaignRow) => unrecordedPush(row, pushed),
  };
  const recorded = await recordOrBackOff(ctx, sync, () =>
    ctx.db.transaction().execute(async (trx): Promise<ReconcileOutcome> => {
      const claimed = await findCampaign(trx, step.row.campaign_id, { lock: true });
      if (claimed?.push_token !== step.token) return { kind: "skipped" };
      await recordOutcome(trx, ctx, claimed, pushed.sync);
      if (!pushed.ok) return failed(step.subject, pushed.error.message);
      return changed(step.subject, ReconcileAction.PUSHED, step.fields);
    }),
  );
  return recorded.kind === "recorded" ? recorded.value : failed(step.subject, recorded.reason);
}

/**
 * Confirms the create `row` (claimed by `token`) that the platform listed as `remote`, with the
 * platform's values — IMPORTED; when it cannot be stored, the create is undone (see
 * {@link confirmOrUndo}) — FAILED with the reason.
 */
async function confirmListedCreate(
  ctx: CampaignsContext,
  row: CampaignRow,
  token: string,
  remote: PlatformCampaign,
  fields: PlatformFields,
  subject: ChangeSubject,
): Promise<ReconcileOutcome> {
  const result = await confirmOrUndo(ctx, row, token, remote, () =>
    ctx.db.transaction().execute(async (trx): Promise<ReconcileOutcome> => {
      const claimed = await findCampaign(trx, row.campaign_id, { lock: true });
      if (claimed?.push_token !== token) return { kind: "skipped" };
      await confirmCreate(trx, ctx, claimed, remote.id, fields);
      return changed(subject, ReconcileAction.IMPORTED);
    }),
  );
  return result.kind === "confirmed" ? result.value : failed(subject, result.reason);
}

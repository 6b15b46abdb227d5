import { create } from "@bufbuild/protobuf";
import {
  type UpdateCampaignRequest,
  UpdateCampaignRequestSchema,
  type UpdateCampaignResponse,
  UpdateCampaignResponseSchema,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import type { Kysely } from "kysely";
import type { Principal } from "../../kit/auth/index.js";
import { alreadyExists } from "../../kit/errors/index.js";
import { type CampaignUpdateInput, planCampaignUpdate } from "../domain/index.js";
import { platformDomainError } from "../platform/index.js";
import {
  type CampaignRow,
  type CampaignsDatabase,
  campaignWithPromoCode,
  claimColumns,
  fieldColumns,
  noClaim,
  sharedFields,
  updateCampaign,
} from "../storage/index.js";
import { toCampaign } from "../wire/index.js";
import { emitCampaignEvent } from "./campaign-events.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { assertPromoCodeFree } from "./promo-code.js";
import type { PushResult } from "./push-campaign.js";
import { newClaim, recordOutcome } from "./push-claim.js";
import { type ChangeOutcome, type ChangePlan, runCampaignChange } from "./run-campaign-change.js";

/** An UpdateCampaign call: the request as received (its idempotency key guards it) and the changes it asks for. */
export interface UpdateCampaignCall {
  readonly request: UpdateCampaignRequest;
  readonly changes: CampaignUpdateInput;
}

/**
 * UpdateCampaign: changes fields of a campaign the caller may see (see {@link planCampaignUpdate})
 * and publishes CampaignUpdated, once per idempotency key (see {@link runCampaignChange}). Changed
 * platform fields are stored PENDING with a claim on the campaign, pushed outside the transaction,
 * and the outcome recorded in a second one: the campaign ends SYNCED, or FAILED with the reason
 * when the platform cannot be reached (the reconciler pushes it later). When the platform refuses
 * the change, FAILED_PRECONDITION and the campaign is put back as it was. When the platform took it
 * but recording that fails for good, INTERNAL and the campaign is FAILED, retried on a backoff (see
 * `record-or-back-off.ts`); every change starts those attempts anew. ABORTED while another
 * change of the campaign is at the platform. The promo code, and every field of an archived
 * campaign, stay local and need no platform call. An update that changes nothing answers the
 * campaign as it is.
 */
export async function changeCampaign(
  ctx: CampaignsContext,
  principal: Principal,
  call: UpdateCampaignCall,
  signal?: AbortSignal,
): Promise<UpdateCampaignResponse> {
  const { request } = call;
  return runCampaignChange(
    ctx,
    principal,
    {
      method: "UpdateCampaign",
      campaignId: request.campaignId,
      idempotencyKey: request.idempotencyKey,
      requestSchema: UpdateCampaignRequestSchema,
      request,
    },
    UpdateCampaignResponseSchema,
    {
      plan: (trx, current) => planChanges(trx, ctx, current, call.changes, principal.subject),
      respond: (row) => create(UpdateCampaignResponseSchema, { campaign: toCampaign(row) }),
    },
    signal,
  );
}

async function planChanges(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  current: CampaignRow,
  changes: CampaignUpdateInput,
  actor: string,
): Promise<ChangePlan> {
  const campaignId = current.campaign_id;
  const plan = planCampaignUpdate({ ...sharedFields(current), promoCode: current.promo_code }, changes);
  if (plan.changedFields.length === 0) return { kind: "local", row: current };
  if (plan.changedFields.includes("promo_code") && current.status !== "archived") {
    await assertPromoCodeFree(trx, current.brand_id, plan.next.promoCode, campaignId);
  }
  const { next } = plan;
  const claim = plan.pushFields.length > 0 ? newClaim(ctx) : undefined;
  const row = await updateCampaign(trx, campaignId, {
    ...fieldColumns(next),
    promo_code: next.promoCode,
    updated_at: ctx.now(),
    // A new change: a sync that failed for good and waits for its retry (or was given up) is tried anew.
    sync_attempts: 0,
    retry_at: null,
    ...(claim
      ? {
          sync_state: "pending" as const,
          ...claimColumns(claim),
          push_event: "updated" as const,
          push_fields: plan.changedFields,
          push_actor: actor,
        }
      : {}),
  }).catch((error: unknown) => {
    // Another update took the promo code between the check and this write.
    if ((error as { code?: unknown }).code === "23505")
      throw alreadyExists(`brand ${current.brand_id} already has a campaign with promo code ${next.promoCode}`);
    throw error;
  });
  if (!claim) {
    await emitCampaignEvent(trx, ctx, row, { kind: "updated", changedFields: plan.changedFields }, actor);
    return { kind: "local", row };
  }
  return {
    kind: "push",
    row,
    token: claim.token,
    record: (recordTrx, claimed, pushed) => recordPush(recordTrx, ctx, current, claimed, pushed),
  };
}

/**
 * The outcome of an update's push: stored with CampaignUpdated; or, when the platform refused the
 * change, the campaign put back as it was before the update (no event) and FAILED_PRECONDITION.
 */
async function recordPush(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  before: CampaignRow,
  claimed: CampaignRow,
  pushed: PushResult,
): Promise<ChangeOutcome> {
  if (pushed.ok || pushed.error.kind !== "rejected") {
    return { kind: "done", row: await recordOutcome(trx, ctx, claimed, pushed.sync) };
  }
  const restored = {
    ...fieldColumns(sharedFields(before)),
    sync_state: before.sync_state,
    last_sync_error: before.last_sync_error,
    last_sync_at: before.last_sync_at,
    sync_attempts: before.sync_attempts,
    retry_at: before.retry_at,
    updated_at: before.updated_at,
    ...noClaim,
  };
  const oldCode = before.promo_code;
  const codeTaken =
    oldCode !== claimed.promo_code &&
    oldCode !== "" &&
    (await campaignWithPromoCode(trx, before.brand_id, oldCode, before.campaign_id)) !== undefined;
  if (!codeTaken) {
    await updateCampaign(trx, before.campaign_id, { ...restored, promo_code: oldCode });
    return { kind: "refused", error: platformDomainError(pushed.error, "nothing was changed") };
  }
  // The old promo code went to another campaign while the push was in flight: the new one stays.
  const row = await updateCampaign(trx, before.campaign_id, { ...restored, updated_at: ctx.now() });
  await emitCampaignEvent(trx, ctx, row, { kind: "updated", changedFields: ["promo_code"] }, claimed.push_actor);
  return {
    kind: "refused",
    error: platformDomainError(
      pushed.error,
      `nothing was changed but the promo code, as ${oldCode} went to another campaign meanwhile`,
    ),
  };
}

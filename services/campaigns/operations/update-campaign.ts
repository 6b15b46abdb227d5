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
  fieldColumns,
  sharedFields,
  updateCampaign,
} from "../storage/index.js";
import { toCampaign } from "../wire/index.js";
import { emitCampaignEvent } from "./campaign-events.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { assertPromoCodeFree } from "./promo-code.js";
import { pushCampaign } from "./push-campaign.js";
import { runCampaignChange } from "./run-campaign-change.js";

/** An UpdateCampaign call: the request as received (its idempotency key guards it) and the changes it asks for. */
export interface UpdateCampaignCall {
  readonly request: UpdateCampaignRequest;
  readonly changes: CampaignUpdateInput;
}

/**
 * UpdateCampaign: changes fields of a campaign the caller may see (see {@link planCampaignUpdate})
 * and publishes CampaignUpdated, once per idempotency key. Changed platform fields are pushed in the
 * same transaction: the campaign ends SYNCED, or FAILED with the reason when the platform cannot be
 * reached (the reconciler pushes it later). When the platform refuses the change,
 * FAILED_PRECONDITION and nothing changes. The promo code, and every field of an archived campaign,
 * stay local. An update that changes nothing answers the campaign as it is.
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
    async (trx, current) => {
      const row = await applyChanges(trx, ctx, current, call.changes, principal.subject, signal);
      return create(UpdateCampaignResponseSchema, { campaign: toCampaign(row) });
    },
  );
}

async function applyChanges(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  current: CampaignRow,
  changes: CampaignUpdateInput,
  actor: string,
  signal?: AbortSignal,
): Promise<CampaignRow> {
  const campaignId = current.campaign_id;
  const plan = planCampaignUpdate({ ...sharedFields(current), promoCode: current.promo_code }, changes);
  if (plan.changedFields.length === 0) return current;
  if (plan.changedFields.includes("promo_code") && current.status !== "archived") {
    await assertPromoCodeFree(trx, current.brand_id, plan.next.promoCode, campaignId);
  }
  const { next } = plan;
  let row = await updateCampaign(trx, campaignId, {
    ...fieldColumns(next),
    promo_code: next.promoCode,
    updated_at: ctx.now(),
    ...(plan.pushFields.length > 0 ? { sync_state: "pending" as const } : {}),
  }).catch((error: unknown) => {
    // Another update took the promo code between the check and this write.
    if ((error as { code?: unknown }).code === "23505")
      throw alreadyExists(`brand ${current.brand_id} already has a campaign with promo code ${next.promoCode}`);
    throw error;
  });
  if (plan.pushFields.length > 0) {
    const pushed = await pushCampaign(ctx, row, signal);
    if (!pushed.ok && pushed.error.kind === "rejected") throw platformDomainError(pushed.error, "nothing was changed");
    row = await updateCampaign(trx, campaignId, pushed.sync);
  }
  await emitCampaignEvent(trx, ctx, row, { kind: "updated", changedFields: plan.changedFields }, actor);
  return row;
}

import type { Kysely } from "kysely";
import { assertBrandAccess, type Principal } from "../../kit/auth/index.js";
import { alreadyExists, notFound } from "../../kit/errors/index.js";
import { type CampaignUpdateInput, planCampaignUpdate } from "../domain/index.js";
import { platformDomainError } from "../platform/index.js";
import {
  type CampaignRow,
  type CampaignsDatabase,
  fieldColumns,
  findCampaign,
  sharedFields,
  updateCampaign,
} from "../storage/index.js";
import { emitCampaignEvent } from "./campaign-events.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { assertPromoCodeFree } from "./create-campaign.js";
import { pushCampaign } from "./push-campaign.js";

/** The campaign one of the caller's brands owns, row-locked; NOT_FOUND or PERMISSION_DENIED otherwise. */
export async function requireOwnCampaign(
  trx: Kysely<CampaignsDatabase>,
  principal: Principal,
  campaignId: string,
): Promise<CampaignRow> {
  const row = await findCampaign(trx, campaignId, { lock: true });
  if (!row) throw notFound(`campaign ${campaignId} does not exist`);
  assertBrandAccess(principal, row.brand_id);
  return row;
}

/**
 * Changes fields of a campaign (see {@link planCampaignUpdate}) and publishes CampaignUpdated.
 * Changed platform fields are pushed in the same transaction: the campaign ends SYNCED, or FAILED
 * with the reason when the platform cannot be reached (the reconciler pushes it later). When the
 * platform refuses the change, FAILED_PRECONDITION and nothing changes. The promo code, and every
 * field of an archived campaign, stay local. An update that changes nothing answers the campaign
 * as it is.
 */
export async function changeCampaign(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  principal: Principal,
  campaignId: string,
  input: CampaignUpdateInput,
  signal?: AbortSignal,
): Promise<CampaignRow> {
  const current = await requireOwnCampaign(trx, principal, campaignId);
  const plan = planCampaignUpdate({ ...sharedFields(current), promoCode: current.promo_code }, input);
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
  await emitCampaignEvent(trx, ctx, row, { kind: "updated", changedFields: plan.changedFields }, principal.subject);
  return row;
}

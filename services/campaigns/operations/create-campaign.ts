import { create } from "@bufbuild/protobuf";
import {
  type CreateCampaignRequest,
  CreateCampaignRequestSchema,
  type CreateCampaignResponse,
  CreateCampaignResponseSchema,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import type { Kysely } from "kysely";
import { alreadyExists } from "../../kit/errors/index.js";
import { runIdempotent } from "../../kit/idempotency/index.js";
import { campaignIdFor, type NewCampaign, normalizePromoCode } from "../domain/index.js";
import { type PlatformCampaign, platformBody, platformDomainError } from "../platform/index.js";
import {
  type CampaignRow,
  type CampaignsDatabase,
  findCampaign,
  lockCampaignKey,
  updateCampaign,
} from "../storage/index.js";
import { toCampaign } from "../wire/index.js";
import { emitCampaignEvent } from "./campaign-events.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { assertPromoCodeFree } from "./promo-code.js";
import { storeCampaign } from "./store-campaign.js";

/** A CreateCampaign call: the request as received (its idempotency key guards it) and what it asks for. */
export interface CreateCampaignCall {
  readonly request: CreateCampaignRequest;
  readonly campaign: NewCampaign;
  /** Who creates it, for CampaignCreated. */
  readonly actor: string;
}

/**
 * CreateCampaign: creates the campaign once per brand and idempotency key (a retry replays the
 * first answer) — on its platform first, then stored (see {@link createOnPlatform}). A platform the
 * server does not have is INVALID_ARGUMENT before the key is claimed.
 */
export async function createCampaign(
  ctx: CampaignsContext,
  call: CreateCampaignCall,
  signal?: AbortSignal,
): Promise<CreateCampaignResponse> {
  ctx.platforms.get(call.campaign.platform);
  const { request } = call;
  return ctx.db.transaction().execute((trx) =>
    runIdempotent(
      trx,
      {
        scope: `CreateCampaign/${request.brandId}`,
        key: request.idempotencyKey,
        requestSchema: CreateCampaignRequestSchema,
        request,
      },
      CreateCampaignResponseSchema,
      async () => {
        const row = await createOnPlatform(trx, ctx, call.campaign, call.actor, signal);
        return create(CreateCampaignResponseSchema, { campaign: toCampaign(row) });
      },
    ),
  );
}

/**
 * Creates a campaign on its platform first, then stores it with the platform's id (SYNCED) and
 * its stats at zero, and publishes CampaignCreated — all in `trx`, under the lock of the campaign
 * id (see {@link campaignIdFor}) that the reconciler also takes before importing it.
 *
 * - INVALID_ARGUMENT for a platform the server does not have; ALREADY_EXISTS when the promo code
 *   is taken (checked before the platform is called, and again by the unique index after, in
 *   which case the platform campaign just made is deleted again).
 * - UNAVAILABLE when the platform cannot be reached after its retries: nothing is stored. The
 *   platform may still have made the campaign (its answer lost): a retry with the same key sends
 *   the same idempotency key and gets that campaign back, and a reconcile meanwhile imports it
 *   under this campaign id, which the retry then completes with its promo code.
 */
async function createOnPlatform(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  input: NewCampaign,
  actor: string,
  signal?: AbortSignal,
): Promise<CampaignRow> {
  const client = ctx.platforms.get(input.platform);
  const campaignId = campaignIdFor(input.brandId, input.idempotencyKey);
  const promoCode = normalizePromoCode(input.promoCode);
  await lockCampaignKey(trx, campaignId);
  const imported = await findCampaign(trx, campaignId, { lock: true });
  if (imported) return completeImported(trx, ctx, imported, promoCode, actor);
  await assertPromoCodeFree(trx, input.brandId, promoCode);

  let remote: PlatformCampaign;
  try {
    remote = await client.create(
      { advertiser_id: input.brandId, external_ref: campaignId, ...platformBody(input) },
      campaignId,
      signal,
    );
  } catch (error) {
    throw platformDomainError(error, "nothing was stored - retry with the same idempotency key");
  }
  const row = await storeCampaign(trx, ctx, { ...input, campaignId, promoCode, platformCampaignId: remote.id }, actor);
  if (!row) {
    // Only the promo code can have been taken meanwhile: the id is locked and the platform id new.
    await client
      .remove(remote.id)
      .catch((error: unknown) =>
        ctx.logger.warn(
          { err: error, platformCampaignId: remote.id },
          "could not delete the platform campaign of a refused create",
        ),
      );
    throw alreadyExists(`brand ${input.brandId} already has a campaign with promo code ${promoCode}`);
  }
  return row;
}

/**
 * A retry of a create whose platform answer was lost, after the reconciler imported the campaign
 * the platform kept: the retry adds what only Waybill knows, the promo code, and answers it.
 */
async function completeImported(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  imported: CampaignRow,
  promoCode: string,
  actor: string,
): Promise<CampaignRow> {
  if (imported.status === "archived" || imported.promo_code === promoCode) return imported;
  await assertPromoCodeFree(trx, imported.brand_id, promoCode, imported.campaign_id);
  const row = await updateCampaign(trx, imported.campaign_id, { promo_code: promoCode, updated_at: ctx.now() });
  await emitCampaignEvent(trx, ctx, row, { kind: "updated", changedFields: ["promo_code"] }, actor);
  return row;
}

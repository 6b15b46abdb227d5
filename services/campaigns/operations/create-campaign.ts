import { create } from "@bufbuild/protobuf";
import {
  type CreateCampaignRequest,
  CreateCampaignRequestSchema,
  type CreateCampaignResponse,
  CreateCampaignResponseSchema,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import type { Kysely } from "kysely";
import { alreadyExists, DomainError, failedPrecondition } from "../../kit/errors/index.js";
import {
  answerOf,
  type IdempotentRequest,
  keyReused,
  readStoredAnswer,
  requestFingerprint,
  runIdempotent,
  withStoredRefusals,
} from "../../kit/idempotency/index.js";
import { awaitsCreate, campaignIdFor, isUndoneCreate, type NewCampaign, normalizePromoCode } from "../domain/index.js";
import { type PlatformCampaign, PlatformError, platformDomainError } from "../platform/index.js";
import {
  type CampaignRow,
  type CampaignsDatabase,
  claimColumns,
  deleteUnconfirmedCreate,
  fieldColumns,
  findCampaign,
  insertCampaign,
  lockCampaignKey,
  updateCampaign,
} from "../storage/index.js";
import { toCampaign } from "../wire/index.js";
import { emitCampaignEvent } from "./campaign-events.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { confirmCreate, createOnPlatform } from "./complete-create.js";
import { assertPromoCodeFree } from "./promo-code.js";
import { claimHolds, newClaim } from "./push-claim.js";
import { recordAfterCall } from "./record-after-call.js";
import { confirmOrUndo } from "./undo-create.js";

/** A CreateCampaign call: the request as received (its idempotency key guards it) and what it asks for. */
export interface CreateCampaignCall {
  readonly request: CreateCampaignRequest;
  readonly campaign: NewCampaign;
  /** Who creates it, for CampaignCreated. */
  readonly actor: string;
}

type Idempotent = IdempotentRequest<typeof CreateCampaignRequestSchema>;

/** What the first transaction of a create came to: an answer, or a claimed create to call the platform for. */
type CreateClaim =
  | { readonly kind: "answered"; readonly response: CreateCampaignResponse }
  | { readonly kind: "claimed"; readonly row: CampaignRow; readonly token: string };

const respond = (row: CampaignRow) => create(CreateCampaignResponseSchema, { campaign: toCampaign(row) });

/**
 * CreateCampaign: creates the campaign once per brand and idempotency key (a retry replays the
 * first answer, a definitive refusal included), with no transaction open while the platform is
 * called:
 *
 * 1. a short transaction, under the lock of the campaign id (see {@link campaignIdFor}) that the
 *    reconciler also takes, stores the campaign unconfirmed (no platform id, PENDING, invisible to
 *    readers, its promo code held by the unique index: ALREADY_EXISTS when taken) with a claim;
 * 2. the platform call, outside any transaction, with the campaign id as external reference and
 *    idempotency key (see {@link createOnPlatform});
 * 3. a second short transaction confirms it with the platform's id (SYNCED), its stats and
 *    CampaignCreated, and stores the answer under the key.
 *
 * When the campaign cannot be stored after the platform made it, the create is undone (see
 * {@link confirmOrUndo}): removed from the platform, and answered INTERNAL with a trace id; a
 * retry of an undone create whose removal is pending is FAILED_PRECONDITION.
 *
 * When the platform cannot be reached (UNAVAILABLE) or refuses (FAILED_PRECONDITION), the
 * unconfirmed campaign is deleted while the claim is still ours: nothing is stored. The platform
 * may still have made it (its answer lost): a retry sends the same idempotency key and gets that
 * campaign back, and a reconcile meanwhile imports it under this campaign id, which the retry then
 * completes with its promo code. A retry while the first attempt is at the platform is ABORTED; a
 * create whose replica died mid-call is completed by the retry or the reconciler once its claim
 * has ended. A platform the server does not have is INVALID_ARGUMENT before the key is looked at.
 */
export async function createCampaign(
  ctx: CampaignsContext,
  call: CreateCampaignCall,
  signal?: AbortSignal,
): Promise<CreateCampaignResponse> {
  ctx.platforms.get(call.campaign.platform);
  const { request } = call;
  const idempotent: Idempotent = {
    scope: `CreateCampaign/${request.brandId}`,
    key: request.idempotencyKey,
    requestSchema: CreateCampaignRequestSchema,
    request,
  };
  return withStoredRefusals(ctx.db, idempotent, CreateCampaignResponseSchema, async () => {
    const claimed = await ctx.db.transaction().execute((trx) => claimCreate(trx, ctx, call, idempotent));
    if (claimed.kind === "answered") return claimed.response;
    const { row, token } = claimed;
    let remote: PlatformCampaign;
    try {
      remote = await createOnPlatform(ctx, row, signal);
    } catch (error) {
      if (!(error instanceof PlatformError)) throw error;
      await recordAfterCall(() => deleteUnconfirmedCreate(ctx.db, row.campaign_id, token));
      throw platformDomainError(error, "nothing was stored - retry with the same idempotency key");
    }
    const confirmed = await confirmOrUndo(ctx, row, token, remote, () =>
      ctx.db.transaction().execute(async (trx) => {
        const pending = await findCampaign(trx, row.campaign_id, { lock: true });
        if (!pending)
          throw new DomainError(
            "unavailable",
            `the create of campaign ${row.campaign_id} was interrupted - retry with the same idempotency key`,
          );
        const confirmed = await confirmCreate(trx, ctx, pending, remote.id);
        return runIdempotent(trx, idempotent, CreateCampaignResponseSchema, async () => respond(confirmed));
      }),
    );
    // Undone: the cause is unexpected, so the caller gets INTERNAL with a trace id, never its text.
    if (confirmed.kind === "undone") throw confirmed.cause;
    return confirmed.value;
  });
}

/**
 * The first transaction of a create: the stored answer of the key if it has one; the campaign of
 * the key if the reconciler or an earlier attempt already linked it to its platform campaign (an
 * import, after a lost answer, gets the promo code only Waybill knows); otherwise the campaign
 * stored unconfirmed and claimed for the platform call (again, when an earlier attempt's claim
 * ended without an outcome).
 */
async function claimCreate(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  call: CreateCampaignCall,
  idempotent: Idempotent,
): Promise<CreateClaim> {
  const input = call.campaign;
  const campaignId = campaignIdFor(input.brandId, input.idempotencyKey);
  const promoCode = normalizePromoCode(input.promoCode);
  await lockCampaignKey(trx, campaignId);
  const stored = await readStoredAnswer(trx, idempotent, CreateCampaignResponseSchema);
  if (stored.kind !== "none") return { kind: "answered", response: answerOf(stored) };
  const fingerprint = requestFingerprint(CreateCampaignRequestSchema, call.request);
  const existing = await findCampaign(trx, campaignId, { lock: true });
  if (existing && existing.create_request_hash !== "" && existing.create_request_hash !== fingerprint)
    throw keyReused(idempotent.key);
  if (existing && isUndoneCreate(existing.platform_campaign_id, existing.sync_state))
    throw failedPrecondition(
      `the create with idempotency key ${idempotent.key} was undone because the campaign could not be stored - create it again with a new idempotency key`,
    );
  if (existing && !awaitsCreate(existing.platform_campaign_id)) {
    const row =
      existing.create_request_hash === ""
        ? await completeImported(trx, ctx, existing, promoCode, call.actor)
        : existing;
    const response = await runIdempotent(trx, idempotent, CreateCampaignResponseSchema, async () => respond(row));
    return { kind: "answered", response };
  }
  const claim = newClaim(ctx);
  if (existing) {
    if (claimHolds(ctx, existing))
      throw new DomainError("aborted", `a create with idempotency key ${idempotent.key} is in flight - retry shortly`);
    return { kind: "claimed", row: await updateCampaign(trx, campaignId, claimColumns(claim)), token: claim.token };
  }
  await assertPromoCodeFree(trx, input.brandId, promoCode);
  const now = ctx.now();
  const row = await insertCampaign(trx, {
    campaign_id: campaignId,
    brand_id: input.brandId,
    ...fieldColumns(input),
    platform: input.platform,
    promo_code: promoCode,
    platform_campaign_id: "",
    sync_state: "pending",
    last_sync_error: "",
    last_sync_at: null,
    created_at: now,
    updated_at: now,
    archived_at: null,
    push_token: claim.token,
    push_until: claim.until,
    push_event: "created",
    push_actor: call.actor,
    create_request_hash: fingerprint,
  });
  // The id is locked and new, so only the promo code can have been taken since the check.
  if (!row) throw alreadyExists(`brand ${input.brandId} already has a campaign with promo code ${promoCode}`);
  return { kind: "claimed", row, token: claim.token };
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

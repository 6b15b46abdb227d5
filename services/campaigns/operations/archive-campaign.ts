import { create } from "@bufbuild/protobuf";
import {
  type ArchiveCampaignRequest,
  ArchiveCampaignRequestSchema,
  type ArchiveCampaignResponse,
  ArchiveCampaignResponseSchema,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import type { Kysely } from "kysely";
import type { Principal } from "../../kit/auth/index.js";
import { type CampaignRow, type CampaignsDatabase, claimColumns, updateCampaign } from "../storage/index.js";
import { toCampaign } from "../wire/index.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { newClaim, recordOutcome } from "./push-claim.js";
import { type ChangePlan, runCampaignChange } from "./run-campaign-change.js";

/**
 * ArchiveCampaign: archives a campaign the caller may see and removes it from its platform,
 * publishing CampaignArchived, once per idempotency key (see {@link runCampaignChange}). The
 * campaign is archived PENDING with a claim, removed from the platform outside the transaction,
 * and ends LOCAL_ONLY, or FAILED with the reason when the platform could not be reached (the
 * reconciler removes it later); when recording the removal fails for good, INTERNAL, and it stays
 * archived and FAILED, retried on a backoff (see `record-or-back-off.ts`). Its promo code is free for another campaign from then on; orders
 * placed with it later are not attributed to it. Archiving an archived campaign changes nothing;
 * ABORTED while another change of the campaign is at the platform.
 */
export async function archiveCampaign(
  ctx: CampaignsContext,
  principal: Principal,
  request: ArchiveCampaignRequest,
  signal?: AbortSignal,
): Promise<ArchiveCampaignResponse> {
  return runCampaignChange(
    ctx,
    principal,
    {
      method: "ArchiveCampaign",
      campaignId: request.campaignId,
      idempotencyKey: request.idempotencyKey,
      requestSchema: ArchiveCampaignRequestSchema,
      request,
    },
    ArchiveCampaignResponseSchema,
    {
      plan: (trx, current) => planArchive(trx, ctx, current, principal.subject),
      respond: (row) => create(ArchiveCampaignResponseSchema, { campaign: toCampaign(row) }),
    },
    signal,
  );
}

async function planArchive(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  current: CampaignRow,
  actor: string,
): Promise<ChangePlan> {
  if (current.status === "archived") return { kind: "local", row: current };
  const now = ctx.now();
  const claim = newClaim(ctx);
  const row = await updateCampaign(trx, current.campaign_id, {
    status: "archived",
    archived_at: now,
    updated_at: now,
    sync_state: "pending",
    sync_attempts: 0,
    retry_at: null,
    ...claimColumns(claim),
    push_event: "archived",
    push_fields: [],
    push_actor: actor,
  });
  return {
    kind: "push",
    row,
    token: claim.token,
    record: async (recordTrx, claimed, pushed) => ({
      kind: "done",
      row: await recordOutcome(recordTrx, ctx, claimed, pushed.sync),
    }),
  };
}

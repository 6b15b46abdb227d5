import { create } from "@bufbuild/protobuf";
import {
  type ArchiveCampaignRequest,
  ArchiveCampaignRequestSchema,
  type ArchiveCampaignResponse,
  ArchiveCampaignResponseSchema,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import type { Kysely } from "kysely";
import type { Principal } from "../../kit/auth/index.js";
import { type CampaignRow, type CampaignsDatabase, updateCampaign } from "../storage/index.js";
import { toCampaign } from "../wire/index.js";
import { emitCampaignEvent } from "./campaign-events.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { pushCampaign } from "./push-campaign.js";
import { runCampaignChange } from "./run-campaign-change.js";

/**
 * ArchiveCampaign: archives a campaign the caller may see and removes it from its platform,
 * publishing CampaignArchived, once per idempotency key. The campaign ends LOCAL_ONLY, or FAILED
 * with the reason when the platform could not be reached (the reconciler removes it later). Its
 * promo code is free for another campaign from then on; orders placed with it later are not
 * attributed to it. Archiving an archived campaign changes nothing.
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
    async (trx, current) => {
      const row = await archive(trx, ctx, current, principal.subject, signal);
      return create(ArchiveCampaignResponseSchema, { campaign: toCampaign(row) });
    },
  );
}

async function archive(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  current: CampaignRow,
  actor: string,
  signal?: AbortSignal,
): Promise<CampaignRow> {
  if (current.status === "archived") return current;
  const campaignId = current.campaign_id;
  const now = ctx.now();
  const archived = await updateCampaign(trx, campaignId, {
    status: "archived",
    archived_at: now,
    updated_at: now,
    sync_state: "pending",
  });
  const pushed = await pushCampaign(ctx, archived, signal);
  const row = await updateCampaign(trx, campaignId, pushed.sync);
  await emitCampaignEvent(trx, ctx, row, { kind: "archived" }, actor);
  return row;
}

import { create } from "@bufbuild/protobuf";
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import {
  ArchiveCampaignRequestSchema,
  ArchiveCampaignResponseSchema,
  type CampaignService,
  CreateCampaignRequestSchema,
  CreateCampaignResponseSchema,
  GetCampaignResponseSchema,
  GetCampaignStatsResponseSchema,
  UpdateCampaignRequestSchema,
  UpdateCampaignResponseSchema,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { assertBrandAccess, requirePrincipal } from "../../kit/auth/index.js";
import { notFound } from "../../kit/errors/index.js";
import { runIdempotent } from "../../kit/idempotency/index.js";
import { optionalDate } from "../../kit/wire/index.js";
import type { PlatformStatusName } from "../domain/index.js";
import { archiveCampaign } from "../operations/archive-campaign.js";
import { statusName, toCampaign, toCampaignStats } from "../operations/campaign-messages.js";
import type { CampaignsContext } from "../operations/campaigns-context.js";
import { createCampaign } from "../operations/create-campaign.js";
import { changeCampaign } from "../operations/update-campaign.js";
import { type CampaignRow, findCampaign, findStats } from "../storage/index.js";

/** CreateCampaign, UpdateCampaign, GetCampaign, ArchiveCampaign and GetCampaignStats. Roles are checked by the interceptor, tenancy here. */
export function createCampaignHandlers(
  ctx: CampaignsContext,
): Pick<
  ServiceImpl<typeof CampaignService>,
  "createCampaign" | "updateCampaign" | "getCampaign" | "archiveCampaign" | "getCampaignStats"
> {
  const { db } = ctx;

  /** The campaign, when the caller may see it: NOT_FOUND or PERMISSION_DENIED otherwise. */
  async function visibleCampaign(context: HandlerContext, campaignId: string): Promise<CampaignRow> {
    const row = await findCampaign(db, campaignId);
    if (!row) throw notFound(`campaign ${campaignId} does not exist`);
    assertBrandAccess(requirePrincipal(context), row.brand_id);
    return row;
  }

  return {
    async createCampaign(request, context) {
      const principal = requirePrincipal(context);
      assertBrandAccess(principal, request.brandId);
      ctx.platforms.get(request.platform);
      const scope = `CreateCampaign/${request.brandId}`;
      return db.transaction().execute((trx) =>
        runIdempotent(
          trx,
          { scope, key: request.idempotencyKey, requestSchema: CreateCampaignRequestSchema, request },
          CreateCampaignResponseSchema,
          async () => {
            const budget = request.budget!;
            const row = await createCampaign(
              trx,
              ctx,
              {
                brandId: request.brandId,
                name: request.name,
                platform: request.platform,
                currencyCode: budget.currencyCode,
                budgetMinor: Number(budget.minorUnits),
                startAt: optionalDate(request.startTime)!,
                endAt: optionalDate(request.endTime)!,
                status: (statusName(request.status) ?? "draft") as PlatformStatusName,
                promoCode: request.promoCode,
                idempotencyKey: request.idempotencyKey,
              },
              principal.subject,
              context.signal,
            );
            return create(CreateCampaignResponseSchema, { campaign: toCampaign(row) });
          },
        ),
      );
    },

    async updateCampaign(request, context) {
      await visibleCampaign(context, request.campaignId);
      const scope = `UpdateCampaign/${request.campaignId}`;
      return db.transaction().execute((trx) =>
        runIdempotent(
          trx,
          { scope, key: request.idempotencyKey, requestSchema: UpdateCampaignRequestSchema, request },
          UpdateCampaignResponseSchema,
          async () => {
            const row = await changeCampaign(
              trx,
              ctx,
              requirePrincipal(context),
              request.campaignId,
              {
                paths: request.updateMask?.paths ?? [],
                name: request.name,
                budget: request.budget
                  ? { currencyCode: request.budget.currencyCode, minorUnits: Number(request.budget.minorUnits) }
                  : undefined,
                startAt: optionalDate(request.startTime),
                endAt: optionalDate(request.endTime),
                status: statusName(request.status),
                promoCode: request.promoCode,
              },
              context.signal,
            );
            return create(UpdateCampaignResponseSchema, { campaign: toCampaign(row) });
          },
        ),
      );
    },

    async getCampaign(request, context) {
      return create(GetCampaignResponseSchema, {
        campaign: toCampaign(await visibleCampaign(context, request.campaignId)),
      });
    },

    async archiveCampaign(request, context) {
      await visibleCampaign(context, request.campaignId);
      const scope = `ArchiveCampaign/${request.campaignId}`;
      return db.transaction().execute((trx) =>
        runIdempotent(
          trx,
          { scope, key: request.idempotencyKey, requestSchema: ArchiveCampaignRequestSchema, request },
          ArchiveCampaignResponseSchema,
          async () => {
            const row = await archiveCampaign(trx, ctx, requirePrincipal(context), request.campaignId, context.signal);
            return create(ArchiveCampaignResponseSchema, { campaign: toCampaign(row) });
          },
        ),
      );
    },

    async getCampaignStats(request, context) {
      const campaign = await visibleCampaign(context, request.campaignId);
      return create(GetCampaignStatsResponseSchema, {
        stats: toCampaignStats(campaign, await findStats(db, campaign.campaign_id)),
      });
    },
  };
}

import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  type CampaignService,
  GetCampaignResponseSchema,
  GetCampaignStatsResponseSchema,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { assertBrandAccess, requirePrincipal } from "../../kit/auth/index.js";
import {
  archiveCampaign,
  type CampaignsContext,
  changeCampaign,
  createCampaign,
  getCampaign,
  getCampaignStats,
} from "../operations/index.js";
import { campaignUpdateOf, newCampaignOf, toCampaign, toCampaignStats } from "../wire/index.js";

/**
 * CreateCampaign, UpdateCampaign, GetCampaign, ArchiveCampaign and GetCampaignStats. Roles are
 * checked by the interceptor, the brand a request names here, the brand of a stored campaign by the
 * operations.
 */
export function createCampaignHandlers(
  ctx: CampaignsContext,
): Pick<
  ServiceImpl<typeof CampaignService>,
  "createCampaign" | "updateCampaign" | "getCampaign" | "archiveCampaign" | "getCampaignStats"
> {
  return {
    async createCampaign(request, context) {
      const principal = requirePrincipal(context);
      assertBrandAccess(principal, request.brandId);
      return createCampaign(
        ctx,
        { request, campaign: newCampaignOf(request), actor: principal.subject },
        context.signal,
      );
    },

    async updateCampaign(request, context) {
      return changeCampaign(
        ctx,
        requirePrincipal(context),
        { request, changes: campaignUpdateOf(request) },
        context.signal,
      );
    },

    async getCampaign(request, context) {
      const row = await getCampaign(ctx, requirePrincipal(context), request.campaignId);
      return create(GetCampaignResponseSchema, { campaign: toCampaign(row) });
    },

    async archiveCampaign(request, context) {
      return archiveCampaign(ctx, requirePrincipal(context), request, context.signal);
    },

    async getCampaignStats(request, context) {
      const { campaign, stats } = await getCampaignStats(ctx, requirePrincipal(context), request.campaignId);
      return create(GetCampaignStatsResponseSchema, { stats: toCampaignStats(campaign, stats) });
    },
  };
}

import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  type CampaignService,
  ListCampaignsResponseSchema,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { requirePrincipal, scopeBrand } from "../../kit/auth/index.js";
import { type CampaignsContext, listCampaigns } from "../operations/index.js";
import { campaignListOf, toCampaign } from "../wire/index.js";

/**
 * ListCampaigns: search by name and status (and platform), sort by name, creation, budget or start,
 * keyset pages bound to their query, and the total number of matches. A brand or partner sees its
 * own brand only; an admin naming no brand sees every brand.
 */
export function createListHandler(ctx: CampaignsContext): Pick<ServiceImpl<typeof CampaignService>, "listCampaigns"> {
  return {
    async listCampaigns(request, context) {
      const brandId = scopeBrand(requirePrincipal(context), request.brandId);
      const page = await listCampaigns(ctx, { ...campaignListOf(request, brandId), page: request.page });
      return create(ListCampaignsResponseSchema, {
        campaigns: page.rows.map(toCampaign),
        page: { nextPageToken: page.nextPageToken, totalSize: BigInt(page.totalSize) },
      });
    },
  };
}

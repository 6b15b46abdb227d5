import type { ServiceImpl } from "@connectrpc/connect";
import type { CampaignService } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { type CampaignsContext, reconcileCampaigns } from "../operations/index.js";

/** ReconcileCampaigns (admins only, checked by the interceptor): one reconcile now, ABORTED while another runs. */
export function createReconcileHandler(
  ctx: CampaignsContext,
): Pick<ServiceImpl<typeof CampaignService>, "reconcileCampaigns"> {
  return {
    async reconcileCampaigns(request, context) {
      const scope = {
        ...(request.brandId ? { brandId: request.brandId } : {}),
        ...(request.platform ? { platform: request.platform } : {}),
      };
      return reconcileCampaigns(ctx, { request, scope }, context.signal);
    },
  };
}

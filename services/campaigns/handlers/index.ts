import type { ServiceImpl } from "@connectrpc/connect";
import type { CampaignService } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import type { CampaignsContext } from "../operations/index.js";
import { createCampaignHandlers } from "./campaign-handlers.js";
import { createListHandler } from "./list-handler.js";
import { createReconcileHandler } from "./reconcile-handler.js";

/**
 * Every CampaignService RPC. Roles are checked by the auth interceptor, the brand a request names
 * by the handlers, the brand of a stored campaign by the operations.
 */
export function createCampaignsHandlers(ctx: CampaignsContext): Partial<ServiceImpl<typeof CampaignService>> {
  return {
    ...createCampaignHandlers(ctx),
    ...createListHandler(ctx),
    ...createReconcileHandler(ctx),
  };
}

import { CampaignService } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import type { ServiceDefinition } from "../kit/app/index.js";

/**
 * Campaigns: the contract is served (auth, validation and health included); its RPCs answer
 * `Unimplemented` until the service is built.
 */
export const campaignsService: ServiceDefinition = {
  name: "campaigns",
  descriptor: CampaignService,
  migrations: {},
  create() {
    return { implementation: {}, workers: [] };
  },
};

export type {
  PlatformBudget,
  PlatformCampaign,
  PlatformCampaignInput,
  PlatformCampaignPage,
  PlatformCampaignPatch,
  PlatformErrorBody,
} from "./platform-campaign.js";
export {
  createPlatformClient,
  type PlatformClient,
  type PlatformClientOptions,
  type PlatformListQuery,
} from "./platform-client.js";
export { PlatformError, type PlatformFailure, platformDomainError } from "./platform-error.js";
export { platformBody, toPlatformFields } from "./platform-mapping.js";
export { createPlatforms, type Platforms, type PlatformsOptions } from "./platforms.js";

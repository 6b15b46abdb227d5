export {
  type Attribution,
  attributeCancellation,
  attributePlacement,
  attributeReturn,
  type OrderFigures,
  type StatsDelta,
} from "./attribution.js";
export {
  type CampaignFieldName,
  differingFields,
  normalizePromoCode,
  type PlatformFieldName,
  type PlatformFields,
  platformFieldNames,
  type SharedFields,
} from "./campaign-fields.js";
export { campaignIdFor } from "./campaign-id.js";
export {
  type CampaignListFilter,
  type CampaignSort,
  type CampaignSortKey,
  campaignListScope,
  campaignSort,
  type SortDirectionName,
} from "./campaign-list.js";
export {
  assertStatusChange,
  awaitsPush,
  type CampaignStatusName,
  campaignStatuses,
  type PlatformStatusName,
  type SyncStateName,
  syncStates,
} from "./campaign-status.js";
export { defaultPlatform } from "./default-platform.js";
export type { NewCampaign } from "./new-campaign.js";
export {
  type CampaignDraft,
  type CampaignUpdateInput,
  type CampaignUpdatePlan,
  planCampaignUpdate,
} from "./plan-campaign-update.js";
export { awaitsCreate, callBudgetMs, leaseEnd, leaseHolds } from "./push-lease.js";
export {
  decideListed,
  decideUnlisted,
  type ListedDecision,
  type LocalSyncFacts,
  type UnlistedDecision,
} from "./reconcile-decision.js";
export { maxSyncAttempts, nextSyncRetryAt, retryWaits, syncRetryDue } from "./sync-retry.js";
export { isUndoneCreate } from "./undone-create.js";

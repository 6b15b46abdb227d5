export {
  assertStatusChange,
  awaitsPush,
  campaignStatuses,
  syncStates,
  type CampaignStatusName,
  type PlatformStatusName,
  type SyncStateName,
} from "./campaign-status.js";
export { differingFields, normalizePromoCode, platformFieldNames, type CampaignFieldName, type PlatformFieldName, type PlatformFields, type SharedFields } from "./campaign-fields.js";
export { planCampaignUpdate, type CampaignDraft, type CampaignUpdateInput, type CampaignUpdatePlan } from "./plan-campaign-update.js";
export { campaignIdFor } from "./campaign-id.js";
export { campaignListScope, campaignSort, type CampaignListFilter, type CampaignSort, type CampaignSortKey } from "./campaign-list.js";
export { attributeCancellation, attributePlacement, attributeReturn, type Attribution, type OrderFigures, type StatsDelta } from "./attribution.js";
export { decideListed, decideUnlisted, type ListedDecision, type LocalSyncFacts, type UnlistedDecision } from "./reconcile-decision.js";

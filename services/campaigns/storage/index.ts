export type { CampaignsDatabase, CampaignStatsTable, CampaignsTable, OrderAttributionsTable } from "./campaigns-database.js";
export {
  campaignsOfPlatform,
  campaignWithPromoCode,
  fieldColumns,
  findByPlatformCampaign,
  findCampaign,
  insertCampaign,
  sharedFields,
  updateCampaign,
  type CampaignRow,
  type CampaignUpdate,
} from "./campaigns-store.js";
export { countCampaigns, listCampaigns, sortValue, type CampaignCursor, type CampaignListQuery } from "./campaign-list-store.js";
export { addToStats, findStats, insertStats, type StatsRow } from "./stats-store.js";
export { findAttribution, saveAttribution, toAttribution, type AttributionRow } from "./attributions-store.js";
export { lockCampaignKey, tryReconcileLock } from "./advisory-locks.js";

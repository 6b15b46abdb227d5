export { lockCampaignKey, tryReconcileLock } from "./advisory-locks.js";
export { type AttributionRow, findAttribution, saveAttribution, toAttribution } from "./attributions-store.js";
export {
  type CampaignCursor,
  type CampaignListQuery,
  countCampaigns,
  listCampaignRows,
} from "./campaign-list-store.js";
export type {
  CampaignStatsTable,
  CampaignsDatabase,
  CampaignsTable,
  OrderAttributionsTable,
} from "./campaigns-database.js";
export {
  type CampaignRow,
  type CampaignUpdate,
  campaignsOfPlatform,
  campaignWithPromoCode,
  fieldColumns,
  findByPlatformCampaign,
  findCampaign,
  insertCampaign,
  platformFields,
  sharedFields,
  updateCampaign,
} from "./campaigns-store.js";
export { addToStats, findStats, insertStats, type StatsRow } from "./stats-store.js";

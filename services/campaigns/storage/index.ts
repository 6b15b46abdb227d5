export { lockCampaignKey } from "./advisory-locks.js";
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
  PushEventName,
  ReconcileLeaseTable,
} from "./campaigns-database.js";
export {
  abandonedCreates,
  attributableCampaign,
  type CampaignRow,
  type CampaignUpdate,
  campaignsOfPlatform,
  campaignWithPromoCode,
  claimColumns,
  deleteUnconfirmedCreate,
  deleteUndoneCreate,
  fieldColumns,
  findByPlatformCampaign,
  findCampaign,
  insertCampaign,
  markUndoneCreate,
  noClaim,
  type PushClaim,
  platformFields,
  releaseClaim,
  sharedFields,
  updateCampaign,
} from "./campaigns-store.js";
export { releaseReconcileLease, renewReconcileLease, takeReconcileLease } from "./reconcile-lease-store.js";
export { addToStats, findStats, insertStats, type StatsRow } from "./stats-store.js";

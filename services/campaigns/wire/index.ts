export { campaignListOf } from "./campaign-list-request.js";
export { toCampaign, toCampaignStats } from "./campaign-messages.js";
export { campaignUpdateOf, newCampaignOf } from "./campaign-requests.js";
export { campaignStatusValues, platformStatusName, statusName, syncStateValues } from "./campaign-status-values.js";

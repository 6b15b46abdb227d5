import { CampaignStatus, CampaignSyncState } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { storedName } from "../../kit/wire/index.js";
import type { CampaignStatusName, PlatformStatusName, SyncStateName } from "../domain/index.js";

/** Contract enum values of the stored statuses. */
export const campaignStatusValues: Readonly<Record<CampaignStatusName, CampaignStatus>> = {
  draft: CampaignStatus.DRAFT,
  active: CampaignStatus.ACTIVE,
  paused: CampaignStatus.PAUSED,
  archived: CampaignStatus.ARCHIVED,
};

/** Contract enum values of the statuses a campaign can have on its platform (all but ARCHIVED). */
const platformStatusValues: Readonly<Record<PlatformStatusName, CampaignStatus>> = {
  draft: CampaignStatus.DRAFT,
  active: CampaignStatus.ACTIVE,
  paused: CampaignStatus.PAUSED,
};

/** Contract enum values of the stored sync states. */
export const syncStateValues: Readonly<Record<SyncStateName, CampaignSyncState>> = {
  pending: CampaignSyncState.PENDING,
  synced: CampaignSyncState.SYNCED,
  failed: CampaignSyncState.FAILED,
  local_only: CampaignSyncState.LOCAL_ONLY,
};

/** The stored name of a contract status (undefined for UNSPECIFIED). */
export function statusName(value: CampaignStatus): CampaignStatusName | undefined {
  return storedName(campaignStatusValues, value);
}

/** The stored name of a status a new campaign may have (undefined for UNSPECIFIED and ARCHIVED). */
export function platformStatusName(value: CampaignStatus): PlatformStatusName | undefined {
  return storedName(platformStatusValues, value);
}

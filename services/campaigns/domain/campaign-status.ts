import { DomainError, failedPrecondition } from "../../kit/errors/index.js";

/** The statuses of a campaign as stored: lower-case names of `waybill.campaigns.v1.CampaignStatus`. */
export const campaignStatuses = ["draft", "active", "paused", "archived"] as const;

/** One of {@link campaignStatuses}. */
export type CampaignStatusName = (typeof campaignStatuses)[number];

/** The statuses a campaign can have on an ad platform; an archived one is removed from it. */
export type PlatformStatusName = Exclude<CampaignStatusName, "archived">;

/** How a local campaign stands with its platform copy: names of `CampaignSyncState`. */
export const syncStates = ["pending", "synced", "failed", "local_only"] as const;

/** One of {@link syncStates}. */
export type SyncStateName = (typeof syncStates)[number];

/** True for the sync states the reconciler pushes to the platform. */
export function awaitsPush(state: SyncStateName): boolean {
  return state === "pending" || state === "failed";
}

/**
 * Refuses a status change a campaign's life does not allow: ARCHIVED is final and is reached only
 * through ArchiveCampaign, and a campaign that has run (ACTIVE or PAUSED) cannot go back to
 * DRAFT. Keeping the current status is always allowed.
 *
 * @example
 * assertStatusChange("active", "paused"); // fine
 * assertStatusChange("paused", "draft");  // throws FAILED_PRECONDITION
 */
export function assertStatusChange(from: CampaignStatusName, to: CampaignStatusName): void {
  if (from === to) return;
  if (from === "archived") throw failedPrecondition("the campaign is ARCHIVED and its status is final");
  if (to === "archived")
    throw new DomainError("invalid_argument", "status cannot be set to ARCHIVED here - use ArchiveCampaign");
  if (to === "draft")
    throw failedPrecondition(`a campaign that has been ${from.toUpperCase()} cannot go back to DRAFT`);
}

import type { SyncStateName } from "./campaign-status.js";

/**
 * True for an undone create: the platform made it, Waybill could not store it, and its platform
 * copy still has to be removed (never confirmed, so no platform id, and FAILED, which an
 * unconfirmed create is in no other case).
 */
export function isUndoneCreate(platformCampaignId: string, syncState: SyncStateName): boolean {
  return platformCampaignId === "" && syncState === "failed";
}

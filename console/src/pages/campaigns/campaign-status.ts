import { CampaignStatus, CampaignSyncState } from "@waybill/sdk/campaigns";
import type { BadgeTone } from "../../ui/index.js";

/** A badge's words and tone. */
export interface BadgeLook {
  readonly label: string;
  readonly tone: BadgeTone;
}

/** The badge of a campaign's status: running is good news, paused a warning, the rest neutral. */
export function statusBadge(status: CampaignStatus): BadgeLook {
  switch (status) {
    case CampaignStatus.DRAFT:
      return { label: "Draft", tone: "neutral" };
    case CampaignStatus.ACTIVE:
      return { label: "Active", tone: "good" };
    case CampaignStatus.PAUSED:
      return { label: "Paused", tone: "warning" };
    case CampaignStatus.ARCHIVED:
      return { label: "Archived", tone: "neutral" };
    default:
      return { label: "Unknown", tone: "neutral" };
  }
}

/** The badge of how a campaign stands with its platform: a failed sync is the one to act on. */
export function syncBadge(state: CampaignSyncState): BadgeLook {
  switch (state) {
    case CampaignSyncState.SYNCED:
      return { label: "Synced", tone: "good" };
    case CampaignSyncState.PENDING:
      return { label: "Sync pending", tone: "info" };
    case CampaignSyncState.FAILED:
      return { label: "Sync failed", tone: "danger" };
    case CampaignSyncState.LOCAL_ONLY:
      return { label: "Local only", tone: "neutral" };
    default:
      return { label: "Unknown", tone: "neutral" };
  }
}

/** The statuses a form may set: DRAFT only while the campaign has never run (the service's rule). */
export function settableStatuses(current: CampaignStatus | undefined): readonly CampaignStatus[] {
  const running = [CampaignStatus.ACTIVE, CampaignStatus.PAUSED];
  return current === undefined || current === CampaignStatus.DRAFT ? [CampaignStatus.DRAFT, ...running] : running;
}

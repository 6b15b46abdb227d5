// @vitest-environment happy-dom
import { CampaignStatus, CampaignSyncState } from "@waybill/sdk/campaigns";
import { describe, expect, it } from "vitest";
import { settableStatuses, statusBadge, syncBadge } from "./campaign-status.js";

describe("campaign badges", () => {
  it("gives each status its words and tone", () => {
    expect(statusBadge(CampaignStatus.DRAFT)).toEqual({ label: "Draft", tone: "neutral" });
    expect(statusBadge(CampaignStatus.ACTIVE)).toEqual({ label: "Active", tone: "good" });
    expect(statusBadge(CampaignStatus.PAUSED)).toEqual({ label: "Paused", tone: "warning" });
    expect(statusBadge(CampaignStatus.ARCHIVED)).toEqual({ label: "Archived", tone: "neutral" });
    expect(statusBadge(CampaignStatus.UNSPECIFIED).label).toBe("Unknown");
  });

  it("makes a failed sync the danger and a pending one information", () => {
    expect(syncBadge(CampaignSyncState.SYNCED)).toEqual({ label: "Synced", tone: "good" });
    expect(syncBadge(CampaignSyncState.PENDING)).toEqual({ label: "Sync pending", tone: "info" });
    expect(syncBadge(CampaignSyncState.FAILED)).toEqual({ label: "Sync failed", tone: "danger" });
    expect(syncBadge(CampaignSyncState.LOCAL_ONLY)).toEqual({ label: "Local only", tone: "neutral" });
  });

  it("offers DRAFT only to new and draft campaigns", () => {
    const all = [CampaignStatus.DRAFT, CampaignStatus.ACTIVE, CampaignStatus.PAUSED];
    expect(settableStatuses(undefined)).toEqual(all);
    expect(settableStatuses(CampaignStatus.DRAFT)).toEqual(all);
    expect(settableStatuses(CampaignStatus.PAUSED)).toEqual([CampaignStatus.ACTIVE, CampaignStatus.PAUSED]);
  });
});

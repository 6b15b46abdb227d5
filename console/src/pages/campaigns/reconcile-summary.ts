import { ReconcileAction, type ReconcileCampaignsResponse } from "@waybill/sdk/campaigns";

const actionWords: Readonly<Record<ReconcileAction, string>> = {
  [ReconcileAction.UNSPECIFIED]: "unknown",
  [ReconcileAction.IMPORTED]: "imported",
  [ReconcileAction.UPDATED]: "updated from the platform",
  [ReconcileAction.PUSHED]: "pushed to the platform",
  [ReconcileAction.FAILED]: "failed",
  [ReconcileAction.ARCHIVED]: "archived (gone from the platform)",
};

/** A reconcile report in words: its counts, then one line per campaign it changed or could not. */
export function reconcileSummary(report: ReconcileCampaignsResponse): readonly string[] {
  const head = `${report.platformCampaignsSeen} seen on the platforms, ${report.unchanged} in line, ${report.changes.length} changed`;
  return [
    head,
    ...report.changes.map((change) => {
      const fields = change.changedFields.length > 0 ? ` (${change.changedFields.join(", ")})` : "";
      const what = change.campaignId || change.platformCampaignId || "a platform";
      return `${change.brandId ? `${change.brandId} · ` : ""}${what}: ${actionWords[change.action]}${fields}${
        change.error ? ` - ${change.error}` : ""
      }`;
    }),
  ];
}

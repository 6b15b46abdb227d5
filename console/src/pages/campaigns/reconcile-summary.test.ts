// @vitest-environment happy-dom
import { create } from "@bufbuild/protobuf";
import { ReconcileAction, ReconcileCampaignsResponseSchema } from "@waybill/sdk/campaigns";
import { describe, expect, it } from "vitest";
import { reconcileSummary } from "./reconcile-summary.js";

describe("reconcileSummary", () => {
  it("counts what was seen and says what happened to each changed campaign", () => {
    const report = create(ReconcileCampaignsResponseSchema, {
      platformCampaignsSeen: 4n,
      unchanged: 2n,
      changes: [
        { brandId: "acme", campaignId: "c1", action: ReconcileAction.UPDATED, changedFields: ["name", "budget"] },
        { brandId: "", platformCampaignId: "", action: ReconcileAction.FAILED, error: "megaphone answered 503" },
      ],
    });
    expect(reconcileSummary(report)).toEqual([
      "4 seen on the platforms, 2 in line, 2 changed",
      "acme · c1: updated from the platform (name, budget)",
      "a platform: failed - megaphone answered 503",
    ]);
  });

  it("is one line when everything was in line", () => {
    const report = create(ReconcileCampaignsResponseSchema, { platformCampaignsSeen: 1n, unchanged: 1n });
    expect(reconcileSummary(report)).toEqual(["1 seen on the platforms, 1 in line, 0 changed"]);
  });
});

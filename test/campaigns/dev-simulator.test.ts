import { CampaignSyncState } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignsService } from "../../services/campaigns/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";
import { campaignRequest } from "./helpers/campaigns-harness.js";

let waybill: TestWaybill;

beforeAll(async () => {
  waybill = await startTestWaybill({ definitions: [campaignsService], env: { RECONCILE_INTERVAL_MS: "0" } });
});
afterAll(() => waybill?.stop());

describe("without PLATFORM_URL in development", () => {
  it("runs the platform simulator in process as megaphone", async () => {
    const admin = await waybill.as("admin");
    const { campaign } = await admin.campaigns.createCampaign(campaignRequest("acme", { promoCode: "DEV" }));
    expect(campaign).toMatchObject({ platform: "megaphone", syncState: CampaignSyncState.SYNCED });
    expect(campaign?.platformCampaignId).toMatch(/^mp_/);
    const report = await admin.campaigns.reconcileCampaigns({ idempotencyKey: "dev-reconcile" });
    expect(report).toMatchObject({ platformCampaignsSeen: 1n, unchanged: 1n, changes: [] });
  });
});

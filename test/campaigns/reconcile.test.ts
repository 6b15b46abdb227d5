import { Code } from "@connectrpc/connect";
import {
  CampaignStatus,
  CampaignSyncState,
  ReconcileAction,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignsService } from "../../services/campaigns/index.js";
import type { PlatformCampaignInput } from "../../services/campaigns/platform/index.js";
import { errorOf, waitFor } from "../support/index.js";
import { startTestWaybill } from "../support/test-waybill.js";
import {
  type CampaignsHarness,
  campaignRequest,
  platformEnv,
  startCampaignsHarness,
} from "./helpers/campaigns-harness.js";
import { startPlatformGate } from "./helpers/platform-gate.js";

let h: CampaignsHarness;

beforeAll(async () => {
  h = await startCampaignsHarness();
});
afterAll(() => h?.stop());

/** A campaign as someone would create it on the platform itself, without Waybill. */
const direct = (advertiserId: string, name: string): PlatformCampaignInput => ({
  advertiser_id: advertiserId,
  external_ref: "",
  name,
  status: "active",
  budget: { currency: "EUR", amount_minor: 75_000 },
  start_time: "2026-05-01T00:00:00.000Z",
  end_time: "2026-05-31T00:00:00.000Z",
});
const key = () => crypto.randomUUID();

describe("reconciling", () => {
  it("imports a campaign created directly on the platform after one reconcile", async () => {
    const remote = await h.platform.create(direct("direct", "Made on the platform"), key());
    const report = await h.reconcile({ brandId: "direct" });
    expect(report.platformCampaignsSeen).toBe(1n);
    expect(report.changes).toHaveLength(1);
    expect(report.changes[0]).toMatchObject({
      brandId: "direct",
      platformCampaignId: remote.id,
      action: ReconcileAction.IMPORTED,
    });
    const { campaigns } = await (await h.brand("direct")).campaigns.listCampaigns({});
    expect(campaigns).toMatchObject([
      {
        campaignId: report.changes[0]!.campaignId,
        name: "Made on the platform",
        status: CampaignStatus.ACTIVE,
        promoCode: "",
        syncState: CampaignSyncState.SYNCED,
        budget: { minorUnits: 75_000n },
      },
    ]);
    expect(await h.events("CampaignCreated")).toContain(report.changes[0]!.campaignId);
    expect(await h.reconcile({ brandId: "direct" })).toMatchObject({ unchanged: 1n, changes: [] });
  });

  it("takes the platform's values into a synced campaign that drifted, and archives one deleted there", async () => {
    const kept = await h.create("drift");
    const gone = await h.create("drift");
    await h.platform.update(kept.platformCampaignId, { name: "Renamed there", status: "paused" });
    await h.platform.remove(gone.platformCampaignId);
    const report = await h.reconcile({ brandId: "drift" });
    expect(report.changes).toHaveLength(2);
    expect(report.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          campaignId: kept.campaignId,
          action: ReconcileAction.UPDATED,
          changedFields: ["name", "status"],
        }),
        expect.objectContaining({
          campaignId: gone.campaignId,
          action: ReconcileAction.ARCHIVED,
          changedFields: ["status"],
        }),
      ]),
    );
    expect((await h.admin.campaigns.getCampaign({ campaignId: kept.campaignId })).campaign).toMatchObject({
      name: "Renamed there",
      status: CampaignStatus.PAUSED,
    });
    expect((await h.admin.campaigns.getCampaign({ campaignId: gone.campaignId })).campaign).toMatchObject({
      status: CampaignStatus.ARCHIVED,
      syncState: CampaignSyncState.LOCAL_ONLY,
    });
    expect(await h.events("CampaignUpdated")).toContain(kept.campaignId);
    expect(await h.events("CampaignArchived")).toContain(gone.campaignId);
  });

  it("ends with one campaign, not two, when the platform made a campaign but its answer was lost", async () => {
    const request = campaignRequest("lost", { name: "Lost answer", promoCode: "LOST1" });
    await h.control.inject({ kind: "lost", method: "POST", times: 3 });
    const error = await errorOf(h.admin.campaigns.createCampaign(request));
    expect(error.code).toBe(Code.Unavailable);
    expect(await h.platform.listAll("lost")).toHaveLength(1);
    expect((await h.admin.campaigns.listCampaigns({ brandId: "lost" })).campaigns).toEqual([]);

    const report = await h.reconcile({ brandId: "lost" });
    expect(report.changes).toMatchObject([{ action: ReconcileAction.IMPORTED }]);
    const retried = await h.admin.campaigns.createCampaign(request);
    expect(retried.campaign).toMatchObject({
      campaignId: report.changes[0]!.campaignId,
      name: "Lost answer",
      promoCode: "LOST1",
      syncState: CampaignSyncState.SYNCED,
    });
    expect(await h.reconcile({ brandId: "lost" })).toMatchObject({
      platformCampaignsSeen: 1n,
      unchanged: 1n,
      changes: [],
    });
    const { campaigns, page } = await h.admin.campaigns.listCampaigns({ brandId: "lost" });
    expect(page?.totalSize).toBe(1n);
    expect(campaigns).toHaveLength(1);
    expect(await h.platform.listAll("lost")).toHaveLength(1);
  });

  it("reports a platform it cannot list and leaves its campaigns alone", async () => {
    const campaign = await h.create("unlisted");
    await h.control.inject({ kind: "error", status: 503, method: "GET", times: 3 });
    const report = await h.reconcile({ brandId: "unlisted" });
    expect(report.changes).toMatchObject([
      {
        action: ReconcileAction.FAILED,
        error: "the ad platform megaphone answered 503 to the listing after 3 attempts",
      },
    ]);
    expect((await h.admin.campaigns.getCampaign({ campaignId: campaign.campaignId })).campaign?.status).toBe(
      CampaignStatus.ACTIVE,
    );
  });

  it("does the work once when two replicas reconcile at once: the second is refused with ABORTED", async () => {
    for (let i = 0; i < 3; i++) await h.platform.create(direct("twice", `Twice ${i}`), key());
    // Two replicas that reach the platform through a gate, so the first reconcile can be held in
    // the middle of its run (after taking the lock, while listing) until the second one has tried.
    const gate = await startPlatformGate(h.simulator.url);
    const env = { ...platformEnv(h.simulator), PLATFORM_URL: gate.url, PLATFORM_TIMEOUT_MS: "30000" };
    const replicas = await Promise.all(
      [0, 1].map(() => startTestWaybill({ definitions: [campaignsService], env, sharing: h.env })),
    );
    try {
      const [first, second] = await Promise.all(replicas.map((replica) => replica.as("admin")));
      gate.close();
      const running = first!.campaigns.reconcileCampaigns({ brandId: "twice", idempotencyKey: key() });
      await waitFor(
        async () => gate.held(),
        (held) => held > 0,
      );
      const refused = await errorOf(second!.campaigns.reconcileCampaigns({ brandId: "twice", idempotencyKey: key() }));
      expect(refused.code).toBe(Code.Aborted);
      gate.open();
      const report = await running;
      expect(report.changes.map((change) => change.action)).toEqual([
        ReconcileAction.IMPORTED,
        ReconcileAction.IMPORTED,
        ReconcileAction.IMPORTED,
      ]);
      expect((await h.admin.campaigns.listCampaigns({ brandId: "twice" })).page?.totalSize).toBe(3n);
      expect(
        await h
          .events("CampaignCreated")
          .then((ids) => ids.filter((id) => report.changes.some((change) => change.campaignId === id))),
      ).toHaveLength(3);
    } finally {
      gate.open();
      await Promise.all(replicas.map((replica) => replica.stop()));
      await gate.stop();
    }
  });

  it("runs on a schedule by itself on one replica at a time", async () => {
    const scheduled = await Promise.all(
      [0, 1].map(() =>
        startTestWaybill({
          definitions: [campaignsService],
          env: { ...platformEnv(h.simulator), RECONCILE_INTERVAL_MS: "50" },
          sharing: h.env,
        }),
      ),
    );
    try {
      for (let i = 0; i < 5; i++) await h.platform.create(direct("scheduled", `Scheduled ${i}`), key());
      const listed = await waitFor(
        () => h.admin.campaigns.listCampaigns({ brandId: "scheduled" }),
        (response) => response.page?.totalSize === 5n,
      );
      expect(listed.page?.totalSize).toBe(5n);
      const platformIds = listed.campaigns.map((campaign) => campaign.platformCampaignId);
      expect(new Set(platformIds).size).toBe(5);
    } finally {
      await Promise.all(scheduled.map((replica) => replica.stop()));
    }
  });
});

import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import {
  CampaignStatus,
  CampaignSyncState,
  ReconcileAction,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { errorOf } from "../support/index.js";
import { type CampaignsHarness, campaignRequest, eur, startCampaignsHarness } from "./helpers/campaigns-harness.js";

let h: CampaignsHarness;

beforeAll(async () => {
  h = await startCampaignsHarness();
});
afterAll(() => h?.stop());
beforeEach(() => h.control.clearRequests());

const mask = (...paths: string[]) => ({ paths });
const key = () => crypto.randomUUID();
const seen = async () => (await h.control.requests()).map((request) => `${request.method} ${request.status ?? "lost"}`);

describe("creating", () => {
  it("creates on the platform first and stores the platform's id, also when the platform answered 500 once", async () => {
    await h.control.inject({ kind: "error", status: 500, method: "POST" });
    const brand = await h.brand("acme");
    const { campaign } = await brand.campaigns.createCampaign(
      campaignRequest("acme", { name: "Spring sale", promoCode: "spring-26" }),
    );
    expect(campaign).toMatchObject({
      brandId: "acme",
      name: "Spring sale",
      promoCode: "SPRING-26",
      status: CampaignStatus.ACTIVE,
      syncState: CampaignSyncState.SYNCED,
      lastSyncError: "",
    });
    expect(await seen()).toEqual(["POST 500", "POST 201"]);
    const onPlatform = await h.platform.listAll("acme");
    expect(onPlatform.filter((remote) => remote.id === campaign!.platformCampaignId)).toMatchObject([
      { name: "Spring sale", external_ref: campaign!.campaignId },
    ]);
    expect((await brand.campaigns.getCampaign({ campaignId: campaign!.campaignId })).campaign).toEqual(campaign);
    expect(await h.events("CampaignCreated")).toContain(campaign!.campaignId);
  });

  it("answers UNAVAILABLE and stores nothing when the platform stays down, and a retry with the same key then succeeds", async () => {
    const request = campaignRequest("down-brand", { name: "Never stored" });
    await h.control.inject({ kind: "error", status: 503, method: "POST", times: 3 });
    const error = await errorOf(h.admin.campaigns.createCampaign(request));
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toBe(
      "the ad platform megaphone answered 503 to the create after 3 attempts - nothing was stored - retry with the same idempotency key",
    );
    expect((await h.admin.campaigns.listCampaigns({ brandId: "down-brand" })).campaigns).toEqual([]);
    const { campaign } = await h.admin.campaigns.createCampaign(request);
    const again = await h.admin.campaigns.createCampaign(request);
    expect(again.campaign).toEqual(campaign);
    expect((await h.platform.listAll("down-brand")).map((remote) => remote.id)).toEqual([campaign!.platformCampaignId]);
  });

  it("keeps promo codes unique among a brand's campaigns that are not archived", async () => {
    const first = await h.create("codes", { promoCode: "SAVE10" });
    const error = await errorOf(h.create("codes", { promoCode: "save10" }));
    expect(error.code).toBe(Code.AlreadyExists);
    expect(error.rawMessage).toContain("promo code SAVE10");
    expect(await h.create("other-brand", { promoCode: "SAVE10" })).toMatchObject({ promoCode: "SAVE10" });
    await h.admin.campaigns.archiveCampaign({ campaignId: first.campaignId, idempotencyKey: key() });
    expect(await h.create("codes", { promoCode: "SAVE10" })).toMatchObject({
      promoCode: "SAVE10",
      status: CampaignStatus.ACTIVE,
    });
    expect((await h.platform.listAll("codes")).length).toBe(1);
  });

  it("refuses an unknown platform, another brand's campaigns and roles without access", async () => {
    expect((await errorOf(h.create("acme", { platform: "blare" }))).code).toBe(Code.InvalidArgument);
    const campaign = await h.create("acme");
    const globex = await h.brand("globex");
    // Another brand's campaign answers as a missing one does.
    const foreign = await errorOf(globex.campaigns.getCampaign({ campaignId: campaign.campaignId }));
    const missingId = crypto.randomUUID();
    const missing = await errorOf(globex.campaigns.getCampaign({ campaignId: missingId }));
    expect(foreign.code).toBe(Code.NotFound);
    expect(foreign.rawMessage.replace(campaign.campaignId, "<id>")).toBe(missing.rawMessage.replace(missingId, "<id>"));
    expect((await errorOf(globex.campaigns.listCampaigns({ brandId: "acme" }))).code).toBe(Code.PermissionDenied);
    expect((await errorOf(globex.campaigns.createCampaign(campaignRequest("acme")))).code).toBe(Code.PermissionDenied);
    const customer = await h.as("customer");
    expect((await errorOf(customer.campaigns.getCampaign({ campaignId: campaign.campaignId }))).code).toBe(
      Code.PermissionDenied,
    );
    expect((await errorOf(h.admin.campaigns.getCampaign({ campaignId: crypto.randomUUID() }))).code).toBe(
      Code.NotFound,
    );
    expect((await errorOf((await h.brand("acme")).campaigns.reconcileCampaigns({ idempotencyKey: key() }))).code).toBe(
      Code.PermissionDenied,
    );
  });
});

describe("stats", () => {
  it("answers zeros in the budget's currency before the first order", async () => {
    const campaign = await h.create("fresh", { promoCode: "ZERO" });
    const { stats } = await h.admin.campaigns.getCampaignStats({ campaignId: campaign.campaignId });
    expect(stats).toMatchObject({
      campaignId: campaign.campaignId,
      brandId: "fresh",
      promoCode: "ZERO",
      orders: 0n,
      units: 0n,
      cancelledOrders: 0n,
      revenue: { currencyCode: "EUR", minorUnits: 0n },
    });
  });
});

describe("updating", () => {
  it("pushes changed platform fields to the platform and keeps the promo code local", async () => {
    const campaign = await h.create("acme", { promoCode: "UPD1" });
    await h.control.clearRequests();
    const brand = await h.brand("acme");
    const { campaign: renamed } = await brand.campaigns.updateCampaign({
      campaignId: campaign.campaignId,
      name: "Renamed",
      budget: eur(250_000),
      status: CampaignStatus.PAUSED,
      updateMask: mask("name", "budget", "status"),
      idempotencyKey: key(),
    });
    expect(renamed).toMatchObject({
      name: "Renamed",
      status: CampaignStatus.PAUSED,
      syncState: CampaignSyncState.SYNCED,
    });
    expect(await seen()).toEqual(["PATCH 200"]);
    const remote = (await h.platform.listAll("acme")).find((c) => c.id === campaign.platformCampaignId);
    expect(remote).toMatchObject({ name: "Renamed", status: "paused", budget: { amount_minor: 250_000 } });
    await h.control.clearRequests();
    await brand.campaigns.updateCampaign({
      campaignId: campaign.campaignId,
      promoCode: "upd2",
      updateMask: mask("promo_code"),
      idempotencyKey: key(),
    });
    expect(await seen()).toEqual([]);
    expect((await brand.campaigns.getCampaign({ campaignId: campaign.campaignId })).campaign).toMatchObject({
      promoCode: "UPD2",
      syncState: CampaignSyncState.SYNCED,
    });
  });

  it("keeps a change the platform could not take as FAILED with the reason, and the reconciler pushes it", async () => {
    const campaign = await h.create("flaky");
    await h.control.inject({ kind: "error", status: 502, method: "PATCH", times: 3 });
    const { campaign: failed } = await h.admin.campaigns.updateCampaign({
      campaignId: campaign.campaignId,
      name: "Later",
      updateMask: mask("name"),
      idempotencyKey: key(),
    });
    expect(failed).toMatchObject({
      name: "Later",
      syncState: CampaignSyncState.FAILED,
      lastSyncError: "the ad platform megaphone answered 502 to the update after 3 attempts",
    });
    const report = await h.reconcile({ brandId: "flaky" });
    expect(report.changes).toMatchObject([
      { campaignId: campaign.campaignId, action: ReconcileAction.PUSHED, changedFields: ["name"] },
    ]);
    expect((await h.admin.campaigns.getCampaign({ campaignId: campaign.campaignId })).campaign).toMatchObject({
      syncState: CampaignSyncState.SYNCED,
      lastSyncError: "",
    });
    expect((await h.platform.listAll("flaky"))[0]?.name).toBe("Later");
  });

  it("changes nothing when the platform refuses the change, and refuses moves the status rules forbid", async () => {
    const campaign = await h.create("strict");
    await h.control.inject({ kind: "error", status: 422, method: "PATCH" });
    const refused = await errorOf(
      h.admin.campaigns.updateCampaign({
        campaignId: campaign.campaignId,
        name: "Nope",
        updateMask: mask("name"),
        idempotencyKey: key(),
      }),
    );
    expect(refused.code).toBe(Code.FailedPrecondition);
    expect((await h.admin.campaigns.getCampaign({ campaignId: campaign.campaignId })).campaign).toEqual(campaign);
    const back = await errorOf(
      h.admin.campaigns.updateCampaign({
        campaignId: campaign.campaignId,
        status: CampaignStatus.DRAFT,
        updateMask: mask("status"),
        idempotencyKey: key(),
      }),
    );
    expect(back.code).toBe(Code.FailedPrecondition);
    const inverted = await errorOf(
      h.admin.campaigns.updateCampaign({
        campaignId: campaign.campaignId,
        endTime: timestampFromDate(new Date("2026-01-01T00:00:00Z")),
        updateMask: mask("end_time"),
        idempotencyKey: key(),
      }),
    );
    expect(inverted.code).toBe(Code.InvalidArgument);
  });

  it("refuses a promo code another campaign of the brand holds, and leaves the campaign as it was", async () => {
    await h.create("taken", { promoCode: "HELD" });
    const campaign = await h.create("taken", { promoCode: "MINE" });
    const error = await errorOf(
      h.admin.campaigns.updateCampaign({
        campaignId: campaign.campaignId,
        promoCode: "held",
        updateMask: mask("promo_code"),
        idempotencyKey: key(),
      }),
    );
    expect(error.code).toBe(Code.AlreadyExists);
    expect((await h.admin.campaigns.getCampaign({ campaignId: campaign.campaignId })).campaign).toEqual(campaign);
  });

  it("replays an update retried with the same key", async () => {
    const campaign = await h.create("acme");
    const request = { campaignId: campaign.campaignId, name: "Once", updateMask: mask("name"), idempotencyKey: key() };
    const first = await h.admin.campaigns.updateCampaign(request);
    await h.control.clearRequests();
    expect(await h.admin.campaigns.updateCampaign(request)).toEqual(first);
    expect(await seen()).toEqual([]);
    expect((await h.events("CampaignUpdated")).filter((id) => id === campaign.campaignId)).toHaveLength(1);
  });
});

describe("archiving", () => {
  it("removes the campaign from the platform; later edits stay local and its status is final", async () => {
    const campaign = await h.create("acme", { promoCode: "ARCH" });
    const { campaign: archived } = await h.admin.campaigns.archiveCampaign({
      campaignId: campaign.campaignId,
      idempotencyKey: key(),
    });
    expect(archived).toMatchObject({ status: CampaignStatus.ARCHIVED, syncState: CampaignSyncState.LOCAL_ONLY });
    expect(archived?.archiveTime).toBeDefined();
    expect((await h.platform.listAll("acme")).some((remote) => remote.id === campaign.platformCampaignId)).toBe(false);
    await h.control.clearRequests();
    const { campaign: edited } = await h.admin.campaigns.updateCampaign({
      campaignId: campaign.campaignId,
      name: "Old news",
      updateMask: mask("name"),
      idempotencyKey: key(),
    });
    expect(edited).toMatchObject({ name: "Old news", syncState: CampaignSyncState.LOCAL_ONLY });
    expect(await seen()).toEqual([]);
    const reopen = await errorOf(
      h.admin.campaigns.updateCampaign({
        campaignId: campaign.campaignId,
        status: CampaignStatus.ACTIVE,
        updateMask: mask("status"),
        idempotencyKey: key(),
      }),
    );
    expect(reopen.code).toBe(Code.FailedPrecondition);
    expect(
      (await h.admin.campaigns.archiveCampaign({ campaignId: campaign.campaignId, idempotencyKey: key() })).campaign,
    ).toMatchObject({ name: "Old news" });
    expect((await h.events("CampaignArchived")).filter((id) => id === campaign.campaignId)).toHaveLength(1);
  });

  it("counts a campaign already deleted on the platform as removed", async () => {
    const campaign = await h.create("gone-first");
    await h.platform.remove(campaign.platformCampaignId);
    const { campaign: archived } = await h.admin.campaigns.archiveCampaign({
      campaignId: campaign.campaignId,
      idempotencyKey: key(),
    });
    expect(archived).toMatchObject({
      status: CampaignStatus.ARCHIVED,
      syncState: CampaignSyncState.LOCAL_ONLY,
      lastSyncError: "",
    });
  });

  it("archives while the platform is down, and the reconciler removes it there later", async () => {
    const campaign = await h.create("outage");
    await h.control.inject({ kind: "error", status: 500, method: "DELETE", times: 3 });
    const { campaign: archived } = await h.admin.campaigns.archiveCampaign({
      campaignId: campaign.campaignId,
      idempotencyKey: key(),
    });
    expect(archived).toMatchObject({ status: CampaignStatus.ARCHIVED, syncState: CampaignSyncState.FAILED });
    const report = await h.reconcile({ brandId: "outage" });
    expect(report.changes).toMatchObject([
      { campaignId: campaign.campaignId, action: ReconcileAction.PUSHED, changedFields: ["status"] },
    ]);
    expect(await h.platform.listAll("outage")).toEqual([]);
    expect((await h.admin.campaigns.getCampaign({ campaignId: campaign.campaignId })).campaign?.syncState).toBe(
      CampaignSyncState.LOCAL_ONLY,
    );
    expect((await h.reconcile({ brandId: "outage" })).changes).toEqual([]);
  });
});

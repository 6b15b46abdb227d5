import { Code } from "@connectrpc/connect";
import { ReconcileAction } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { campaignIdFor } from "../../services/campaigns/domain/index.js";
import { errorOf } from "../support/index.js";
import { type CampaignsHarness, campaignRequest, startCampaignsHarness } from "./helpers/campaigns-harness.js";

// Issue 11: a campaign the platform accepted but Waybill could not store is undone (removed from
// the platform, or kept FAILED while its removal is retried on a backoff), never a reconcile loop.
// The local write fails through a CHECK constraint of this test's own schema: a campaign named
// "Unstorable…" can never be linked to its platform campaign.

let h: CampaignsHarness;
/** The services' clock runs with the system clock, this far ahead. */
let aheadMs = 0;
const advance = (ms: number) => {
  aheadMs += ms;
};
const minute = 60_000;
const day = 24 * 60 * minute;

beforeAll(async () => {
  h = await startCampaignsHarness({ now: () => new Date(Date.now() + aheadMs) });
  await sql`alter table campaigns.campaigns add constraint test_unstorable
    check (platform_campaign_id = '' or name not like 'Unstorable%')`.execute(h.sql);
});
afterAll(() => h?.stop());
// Each test starts with an empty platform: no campaigns, faults or requests of an earlier one.
beforeEach(() => h.control.reset());

const seen = async () => (await h.control.requests()).map((request) => `${request.method} ${request.status ?? "lost"}`);
const rows = (brandId: string) =>
  h.sql.selectFrom("campaigns").selectAll().where("brand_id", "=", brandId).orderBy("created_at").execute();

describe("a create the platform accepted but Waybill could not store", () => {
  it("is removed from the platform, answered INTERNAL without internals, and leaves nothing to reconcile", async () => {
    const request = campaignRequest("undo-ok", { name: "Unstorable spring", promoCode: "UNDO1" });
    const error = await errorOf(h.admin.campaigns.createCampaign(request));
    expect(error.code).toBe(Code.Internal);
    expect(error.rawMessage).toMatch(/^internal error - trace id [0-9a-f]{32}$/);
    expect(await seen()).toEqual(["POST 201", "DELETE 204"]);
    expect(await h.platform.listAll("undo-ok")).toEqual([]);
    expect(await rows("undo-ok")).toEqual([]);
    expect(await h.events("CampaignCreated")).not.toContain(campaignIdFor("undo-ok", request.idempotencyKey));

    await h.control.clearRequests();
    for (let run = 0; run < 3; run++) {
      advance(day);
      expect((await h.reconcile({ brandId: "undo-ok" })).changes).toEqual([]);
    }
    expect(await seen()).toEqual(["GET 200", "GET 200", "GET 200"]);
    // The promo code was never kept.
    expect(await h.create("undo-ok", { promoCode: "UNDO1" })).toMatchObject({ promoCode: "UNDO1" });
  });

  it("stays FAILED with the reason when the removal fails, and the reconciler removes it once its retry is due", async () => {
    await h.control.inject({ kind: "error", status: 500, method: "DELETE", times: 3 });
    const request = campaignRequest("undo-later", { name: "Unstorable summer", promoCode: "UNDO2" });
    const campaignId = campaignIdFor("undo-later", request.idempotencyKey);
    expect((await errorOf(h.admin.campaigns.createCampaign(request))).code).toBe(Code.Internal);
    expect(await seen()).toEqual(["POST 201", "DELETE 500", "DELETE 500", "DELETE 500"]);
    const [remote, ...more] = await h.platform.listAll("undo-later");
    expect(more).toEqual([]);
    expect(remote?.external_ref).toBe(campaignId);
    expect(await rows("undo-later")).toMatchObject([
      {
        campaign_id: campaignId,
        platform_campaign_id: "",
        promo_code: "",
        sync_state: "failed",
        sync_attempts: 1,
        push_token: null,
        push_event: null,
        last_sync_error: `campaign ${campaignId} could not be stored after the ad platform megaphone created it as ${remote!.id} and removing it there failed (the ad platform megaphone answered 500 to the delete after 3 attempts) - the reconciler tries again`,
      },
    ]);
    // Invisible to readers, its promo code free, its key spent.
    expect((await h.admin.campaigns.listCampaigns({ brandId: "undo-later" })).campaigns).toEqual([]);
    const retried = await errorOf(h.admin.campaigns.createCampaign(request));
    expect(retried.code).toBe(Code.FailedPrecondition);
    expect(retried.rawMessage).toContain("create it again with a new idempotency key");

    await h.control.clearRequests();
    expect((await h.reconcile({ brandId: "undo-later" })).changes).toEqual([]);
    expect(await seen()).toEqual(["GET 200"]);
    advance(minute + 1_000);
    expect((await h.reconcile({ brandId: "undo-later" })).changes).toMatchObject([
      { campaignId, action: ReconcileAction.PUSHED, changedFields: ["status"] },
    ]);
    expect(await seen()).toEqual(["GET 200", "GET 200", "DELETE 204"]);
    expect(await h.platform.listAll("undo-later")).toEqual([]);
    expect(await rows("undo-later")).toEqual([]);
    expect((await h.reconcile({ brandId: "undo-later" })).changes).toEqual([]);
  });

  it("backs off while the removal keeps failing and gives up after eight attempts instead of failing every run", async () => {
    await h.control.inject({ kind: "error", status: 500, method: "DELETE", times: 1_000 });
    const request = campaignRequest("undo-never", { name: "Unstorable autumn" });
    const campaignId = campaignIdFor("undo-never", request.idempotencyKey);
    expect((await errorOf(h.admin.campaigns.createCampaign(request))).code).toBe(Code.Internal);

    await h.control.clearRequests();
    const failures: number[] = [];
    for (let run = 0; run < 12; run++) {
      advance(day);
      const { changes } = await h.reconcile({ brandId: "undo-never" });
      failures.push(changes.filter((change) => change.action === ReconcileAction.FAILED).length);
    }
    expect(failures).toEqual([1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    const deletes = (await seen()).filter((request) => request.startsWith("DELETE"));
    expect(deletes.length).toBe(7 * 3);
    const [row] = await rows("undo-never");
    expect(row).toMatchObject({ campaign_id: campaignId, sync_state: "failed", sync_attempts: 8, retry_at: null });
    expect(row?.last_sync_error).toMatch(
      /the reconciler gave up after 8 attempts - remove it on the platform by hand$/,
    );
    expect(await h.platform.listAll("undo-never")).toHaveLength(1);
  });

  it("is undone by the reconciler when it completes a create whose replica died", async () => {
    // What a replica that died between the platform call and the confirm leaves: the campaign
    // unconfirmed with an ended claim, and its copy on the platform.
    const campaignId = crypto.randomUUID();
    const now = new Date(Date.now() + aheadMs);
    await h.sql
      .insertInto("campaigns")
      .values({
        campaign_id: campaignId,
        brand_id: "undo-orphan",
        name: "Unstorable winter",
        platform: "megaphone",
        currency_code: "EUR",
        budget_minor: 100_000,
        start_at: new Date("2026-03-01T00:00:00Z"),
        end_at: new Date("2026-06-01T00:00:00Z"),
        status: "active",
        promo_code: "",
        platform_campaign_id: "",
        sync_state: "pending",
        last_sync_error: "",
        last_sync_at: null,
        created_at: now,
        updated_at: now,
        archived_at: null,
        push_token: crypto.randomUUID(),
        push_until: now,
        push_event: "created",
        push_actor: "admin-test",
        create_request_hash: "a-request",
      })
      .execute();
    await h.platform.create(
      {
        advertiser_id: "undo-orphan",
        external_ref: campaignId,
        name: "Unstorable winter",
        status: "active",
        budget: { currency: "EUR", amount_minor: 100_000 },
        start_time: "2026-03-01T00:00:00.000Z",
        end_time: "2026-06-01T00:00:00.000Z",
      },
      campaignId,
    );

    await h.control.clearRequests();
    advance(minute);
    const { changes } = await h.reconcile({ brandId: "undo-orphan" });
    expect(changes).toMatchObject([{ campaignId, action: ReconcileAction.FAILED }]);
    expect(changes[0]?.error).toMatch(/the create was undone and the campaign removed from the platform$/);
    expect(await seen()).toEqual(["GET 200", "DELETE 204"]);
    expect(await h.platform.listAll("undo-orphan")).toEqual([]);
    expect(await rows("undo-orphan")).toEqual([]);

    await h.control.clearRequests();
    for (let run = 0; run < 3; run++) {
      advance(day);
      expect((await h.reconcile({ brandId: "undo-orphan" })).changes).toEqual([]);
    }
    expect(await seen()).toEqual(["GET 200", "GET 200", "GET 200"]);
    expect(await h.events("CampaignCreated")).not.toContain(campaignId);
  });
});

import { Code } from "@connectrpc/connect";
import { CampaignSyncState, ReconcileAction } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { errorOf } from "../support/index.js";
import { type CampaignsHarness, eur, startCampaignsHarness } from "./helpers/campaigns-harness.js";

// Issue 11: an update or archive the platform accepted but Waybill cannot record is kept FAILED
// with a clear error and retried on a backoff, then given up - never pushed and failed every run.
// The recording fails through a trigger of this test's own schema: a campaign listed in
// `test_refused_sync` cannot be stored SYNCED or LOCAL_ONLY, and the SQLSTATE it fails with is
// the row's (23514, a check violation, fails for good; 40001, a serialization failure, for now).

let h: CampaignsHarness;
/** The services' clock: held, and moved only by {@link advance}. */
let clockMs = Date.now();
const advance = (ms: number) => {
  clockMs += ms;
};
const at = (offsetMs = 0) => new Date(clockMs + offsetMs);
const second = 1_000;
const minute = 60 * second;
const day = 24 * 60 * minute;

beforeAll(async () => {
  h = await startCampaignsHarness({ now: () => new Date(clockMs) });
  await sql`create table campaigns.test_refused_sync (campaign_id uuid primary key, errcode text not null)`.execute(
    h.sql,
  );
  await sql`create function campaigns.test_refuse_sync() returns trigger language plpgsql as $$
    declare refused text;
    begin
      select errcode into refused from campaigns.test_refused_sync where campaign_id = new.campaign_id;
      if refused is not null and new.sync_state in ('synced', 'local_only') then
        raise exception using errcode = refused, message = 'test trigger refuses ' || new.sync_state;
      end if;
      return new;
    end $$`.execute(h.sql);
  await sql`create trigger test_refuse_sync before update on campaigns.campaigns
    for each row execute function campaigns.test_refuse_sync()`.execute(h.sql);
});
afterAll(() => h?.stop());
beforeEach(() => h.control.reset());

const mask = (...paths: string[]) => ({ paths });
const key = () => crypto.randomUUID();
const refuse = (campaignId: string, errcode = "23514") =>
  sql`insert into campaigns.test_refused_sync values (${campaignId}, ${errcode})`.execute(h.sql);
const allow = (campaignId: string) =>
  sql`delete from campaigns.test_refused_sync where campaign_id = ${campaignId}`.execute(h.sql);
const seen = async () => (await h.control.requests()).map((request) => `${request.method} ${request.status ?? "lost"}`);
const row = (campaignId: string) =>
  h.sql.selectFrom("campaigns").selectAll().where("campaign_id", "=", campaignId).executeTakeFirstOrThrow();
const eventsOf = async (type: string, campaignId: string) =>
  (await h.events(type)).filter((id) => id === campaignId).length;
const failures = (changes: readonly { readonly action: ReconcileAction }[]) =>
  changes.filter((change) => change.action === ReconcileAction.FAILED).length;

describe("an update the platform accepted but Waybill cannot record", () => {
  it("is FAILED with a clear error, answered INTERNAL, retried on a backoff, then given up", async () => {
    const { campaignId } = await h.create("stuck-update", { name: "Spring" });
    await refuse(campaignId);
    await h.control.clearRequests();

    const error = await errorOf(
      h.admin.campaigns.updateCampaign({ campaignId, name: "Summer", updateMask: mask("name"), idempotencyKey: key() }),
    );
    expect(error.code).toBe(Code.Internal);
    expect(error.rawMessage).toMatch(/^internal error - trace id [0-9a-f]{32}$/);
    expect(await seen()).toEqual(["PATCH 200"]);
    expect((await h.platform.listAll("stuck-update")).map((remote) => remote.name)).toEqual(["Summer"]);
    const reason = `the ad platform megaphone accepted the change of campaign ${campaignId} but recording it failed - the reconciler tries again`;
    expect(await row(campaignId)).toMatchObject({
      name: "Summer",
      sync_state: "failed",
      last_sync_error: reason,
      sync_attempts: 1,
      retry_at: at(minute),
      push_token: null,
      push_event: null,
    });
    // The change is stored, so its event is published, once.
    expect(await eventsOf("CampaignUpdated", campaignId)).toBe(1);
    const brand = await h.brand("stuck-update");
    expect((await brand.campaigns.getCampaign({ campaignId })).campaign).toMatchObject({
      name: "Summer",
      syncState: CampaignSyncState.FAILED,
      lastSyncError: reason,
    });

    // Runs every five minutes for three hours: a push at 1, 2, 4, ... 64 minutes after the last
    // failed one (the first due run after it), 8 attempts in all, then none.
    await h.control.clearRequests();
    const failedAt: number[] = [];
    for (let run = 0; run <= 36; run++) {
      const { changes } = await h.reconcile({ brandId: "stuck-update" });
      if (failures(changes) > 0) failedAt.push(run * 5);
      expect(failures(changes)).toBeLessThanOrEqual(1);
      advance(5 * minute);
    }
    expect(failedAt).toEqual([5, 10, 15, 25, 45, 80, 145]);
    expect((await seen()).filter((request) => request.startsWith("PATCH"))).toEqual(Array(7).fill("PATCH 200"));
    const givenUp = await row(campaignId);
    expect(givenUp).toMatchObject({ sync_state: "failed", sync_attempts: 8, retry_at: null, push_token: null });
    expect(givenUp.last_sync_error).toBe(
      `the ad platform megaphone accepted the change of campaign ${campaignId} but recording it failed - the reconciler gave up after 8 attempts: find the cause in the server log under this campaign id, fix it, then change the campaign again`,
    );
    expect(givenUp.last_sync_error).not.toMatch(/trigger|refuses|23514/);
    expect(await eventsOf("CampaignUpdated", campaignId)).toBe(1);

    await h.control.clearRequests();
    for (let run = 0; run < 3; run++) {
      advance(day);
      expect((await h.reconcile({ brandId: "stuck-update" })).changes).toEqual([]);
    }
    expect(await seen()).toEqual(["GET 200", "GET 200", "GET 200"]);

    // A new change by the brand starts the attempts again...
    const again = await errorOf(
      brand.campaigns.updateCampaign({
        campaignId,
        budget: eur(200_000),
        updateMask: mask("budget"),
        idempotencyKey: key(),
      }),
    );
    expect(again.code).toBe(Code.Internal);
    expect(await row(campaignId)).toMatchObject({ budget_minor: 200_000, sync_attempts: 1, retry_at: at(minute) });

    // ...and once the cause is gone, the next due push is recorded and clears them.
    await allow(campaignId);
    await h.control.clearRequests();
    advance(minute);
    expect((await h.reconcile({ brandId: "stuck-update" })).changes).toMatchObject([
      { campaignId, action: ReconcileAction.PUSHED },
    ]);
    expect(await seen()).toEqual(["GET 200", "PATCH 200"]);
    expect(await row(campaignId)).toMatchObject({
      sync_state: "synced",
      last_sync_error: "",
      sync_attempts: 0,
      retry_at: null,
    });
    advance(day);
    expect((await h.reconcile({ brandId: "stuck-update" })).changes).toEqual([]);
  });

  it("stays archived and FAILED when archiving cannot be recorded, and the reconciler backs off, then gives up", async () => {
    const { campaignId } = await h.create("stuck-archive", { name: "Autumn", promoCode: "AUTUMN" });
    await refuse(campaignId);
    await h.control.clearRequests();

    const error = await errorOf(h.admin.campaigns.archiveCampaign({ campaignId, idempotencyKey: key() }));
    expect(error.code).toBe(Code.Internal);
    expect(error.rawMessage).toMatch(/^internal error - trace id [0-9a-f]{32}$/);
    expect(await seen()).toEqual(["DELETE 204"]);
    expect(await h.platform.listAll("stuck-archive")).toEqual([]);
    expect(await row(campaignId)).toMatchObject({
      status: "archived",
      sync_state: "failed",
      last_sync_error: `the ad platform megaphone removed archived campaign ${campaignId} but recording it failed - the reconciler tries again`,
      sync_attempts: 1,
      retry_at: at(minute),
      push_token: null,
    });
    expect(await eventsOf("CampaignArchived", campaignId)).toBe(1);
    // Archived all the same: its promo code is free.
    expect(await h.create("stuck-archive", { promoCode: "AUTUMN" })).toMatchObject({ promoCode: "AUTUMN" });

    await h.control.clearRequests();
    expect((await h.reconcile({ brandId: "stuck-archive" })).changes).toEqual([]);
    const failedRuns: number[] = [];
    for (let run = 0; run < 10; run++) {
      advance(day);
      failedRuns.push(failures((await h.reconcile({ brandId: "stuck-archive" })).changes));
    }
    expect(failedRuns).toEqual([1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
    // No platform call: the platform no longer has it, only recording that fails.
    expect(new Set(await seen())).toEqual(new Set(["GET 200"]));
    const givenUp = await row(campaignId);
    expect(givenUp).toMatchObject({ status: "archived", sync_state: "failed", sync_attempts: 8, retry_at: null });
    expect(givenUp.last_sync_error).toMatch(
      /the reconciler gave up after 8 attempts: find the cause in the server log/,
    );
    expect(await eventsOf("CampaignArchived", campaignId)).toBe(1);

    // Fixed, and changed again by the brand: the next reconcile records the removal.
    await allow(campaignId);
    const brand = await h.brand("stuck-archive");
    await brand.campaigns.updateCampaign({
      campaignId,
      name: "Autumn, done",
      updateMask: mask("name"),
      idempotencyKey: key(),
    });
    expect(await row(campaignId)).toMatchObject({ sync_attempts: 0, retry_at: null });
    advance(minute);
    expect((await h.reconcile({ brandId: "stuck-archive" })).changes).toMatchObject([
      { campaignId, action: ReconcileAction.PUSHED, changedFields: ["status"] },
    ]);
    expect(await row(campaignId)).toMatchObject({ sync_state: "local_only", sync_attempts: 0, retry_at: null });
  });

  it("keeps today's behaviour when recording fails only for now: UNAVAILABLE, PENDING, pushed by the next reconcile", async () => {
    const { campaignId } = await h.create("busy-update", { name: "Winter" });
    await refuse(campaignId, "40001");
    await h.control.clearRequests();

    const error = await errorOf(
      h.admin.campaigns.updateCampaign({ campaignId, name: "Snow", updateMask: mask("name"), idempotencyKey: key() }),
    );
    expect(error.code).toBe(Code.Unavailable);
    expect(await seen()).toEqual(["PATCH 200"]);
    const pending = await row(campaignId);
    expect(pending).toMatchObject({ name: "Snow", sync_state: "pending", sync_attempts: 0, retry_at: null });
    expect(pending.push_token).not.toBeNull();

    // No backoff: each run once the claim has ended pushes it again.
    await h.control.clearRequests();
    for (let run = 0; run < 2; run++) {
      advance(31 * second);
      expect(failures((await h.reconcile({ brandId: "busy-update" })).changes)).toBe(1);
      expect(await row(campaignId)).toMatchObject({ sync_attempts: 0, retry_at: null });
    }
    expect((await seen()).filter((request) => request.startsWith("PATCH"))).toEqual(["PATCH 200", "PATCH 200"]);

    await allow(campaignId);
    advance(31 * second);
    expect((await h.reconcile({ brandId: "busy-update" })).changes).toMatchObject([
      { campaignId, action: ReconcileAction.PUSHED },
    ]);
    expect(await row(campaignId)).toMatchObject({ name: "Snow", sync_state: "synced", push_token: null });

    const archived = await h.create("busy-update", { name: "Frost" });
    await refuse(archived.campaignId, "40001");
    const archiveError = await errorOf(
      h.admin.campaigns.archiveCampaign({ campaignId: archived.campaignId, idempotencyKey: key() }),
    );
    expect(archiveError.code).toBe(Code.Unavailable);
    expect(await row(archived.campaignId)).toMatchObject({
      status: "archived",
      sync_state: "pending",
      sync_attempts: 0,
    });
  });
});

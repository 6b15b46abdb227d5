import { Code, ConnectError } from "@connectrpc/connect";
import {
  CampaignStatus,
  CampaignSyncState,
  ReconcileAction,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import type { Waybill } from "@waybill/sdk";
import { createWaybill } from "@waybill/sdk/node";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { campaignsService } from "../../services/campaigns/index.js";
import { spawnWaybill, type WaybillProcess, waitFor, waitUntil } from "../support/index.js";
import { startTestWaybill, testAuthSecret } from "../support/test-waybill.js";
import {
  type CampaignsHarness,
  campaignRequest,
  platformEnv,
  startCampaignsHarness,
} from "./helpers/campaigns-harness.js";
import type { PlatformGate } from "./helpers/platform-gate.js";

/**
 * Campaigns never holds a transaction open while it waits for the ad platform: calls are held at
 * a gate in front of the platform while the test looks at PostgreSQL, terminates Campaigns'
 * connections, sends a concurrent change, or kills the replica making the call.
 */

let h: CampaignsHarness;
let gate: PlatformGate;

beforeAll(async () => {
  h = await startCampaignsHarness({ gated: true });
  gate = h.gate!;
});
afterEach(() => gate.open());
afterAll(() => h?.stop());

const key = () => crypto.randomUUID();
const mask = (...paths: string[]) => ({ paths });

/** How a call ended, without throwing. */
type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ConnectError };

function settle<T>(call: Promise<T>): Promise<Settled<T>> {
  return call.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error: ConnectError.from(error) }),
  );
}

/** A settled call's value; fails the test with the call's error otherwise. */
function answerOf<T>(settled: Settled<T>): T {
  if (!settled.ok) throw settled.error;
  return settled.value;
}

/** Runs one statement on a connection of the test's own, never one of Waybill's. */
async function adminQuery<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: h.env.databaseUrl });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** The database's clock. */
async function databaseTime(): Promise<Date> {
  const [row] = await adminQuery<{ at: Date }>("select clock_timestamp() as at");
  return row!.at;
}

/**
 * Backends of the test database (Waybill's, the asking one aside) sitting idle inside a
 * transaction that began before `since`: a transaction held open across whatever happened since.
 */
async function idleInTransactionSince(since: Date): Promise<number[]> {
  const rows = await adminQuery<{ pid: number }>(
    `select pid from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()
        and state like 'idle in transaction%' and xact_start <= $1
      order by pid`,
    [since],
  );
  return rows.map((row) => row.pid);
}

/** A transaction left open on a connection of its own, to show that the probe sees one. */
async function openTransaction(): Promise<{ readonly pid: number; close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: h.env.databaseUrl });
  client.on("error", () => undefined);
  await client.connect();
  await client.query("begin");
  const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
  return {
    pid: rows[0]!.pid,
    async close() {
      await client.query("rollback");
      await client.end();
    },
  };
}

/** Terminates every backend of the test database but the asking one; returns how many there were. */
async function terminateBackends(): Promise<number> {
  const rows = await adminQuery<{ pid: number }>(
    `with targets as materialized (
       select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
     )
     select pid from targets where pg_terminate_backend(pid)`,
  );
  return rows.length;
}

/** Waits until the gate holds `count` requests. */
const heldAtGate = (count: number) =>
  waitUntil(
    async () => gate.held(),
    (held) => held === count,
    `${count} platform call(s) held at the gate`,
  );

/**
 * Renames a campaign with the platform's PATCH held at the gate; resolves once it is held there,
 * with the call still running (wrapped, so that awaiting this does not await the call).
 */
async function renameHeldAtPlatform(campaignId: string, name: string) {
  gate.close(({ method }) => method === "PATCH");
  const renaming = settle(
    h.admin.campaigns.updateCampaign({ campaignId, name, updateMask: mask("name"), idempotencyKey: key() }),
  );
  await heldAtGate(1);
  return { renaming };
}

/**
 * Looks at PostgreSQL while a platform call is held: no backend of Campaigns may sit in a
 * transaction begun before the call was held. A transaction the test leaves open itself is the
 * only one the probe may find, which shows that the probe sees such transactions.
 */
async function expectNoTransactionAcrossTheCall(): Promise<void> {
  const control = await openTransaction();
  try {
    const since = await databaseTime();
    // Other work's short transactions end while the call is still held; one held across it would not.
    const open = await waitFor(
      () => idleInTransactionSince(since),
      (pids) => pids.length === 1 && pids[0] === control.pid,
    );
    expect(open).toEqual([control.pid]);
  } finally {
    await control.close();
  }
}

describe("while the platform holds its answer", () => {
  it("CreateCampaign keeps no transaction open, and stores the campaign once the platform answers", async () => {
    gate.close();
    const creating = settle(h.admin.campaigns.createCampaign(campaignRequest("held-create", { promoCode: "HELD1" })));
    await heldAtGate(1);
    await expectNoTransactionAcrossTheCall();
    // Readers do not see a create the platform has not confirmed.
    expect((await h.admin.campaigns.listCampaigns({ brandId: "held-create" })).campaigns).toEqual([]);
    gate.open();
    const { campaign } = answerOf(await creating);
    expect(campaign).toMatchObject({ promoCode: "HELD1", syncState: CampaignSyncState.SYNCED });
    expect((await h.platform.listAll("held-create")).map((remote) => remote.id)).toEqual([
      campaign!.platformCampaignId,
    ]);
  });

  it("UpdateCampaign keeps no transaction open, and records the outcome once the platform answers", async () => {
    const campaign = await h.create("held-update");
    const { renaming: updating } = await renameHeldAtPlatform(campaign.campaignId, "Renamed while held");
    await expectNoTransactionAcrossTheCall();
    gate.open();
    expect(answerOf(await updating).campaign).toMatchObject({
      name: "Renamed while held",
      syncState: CampaignSyncState.SYNCED,
    });
  });

  it("ReconcileCampaigns keeps no transaction open while it lists the platform", async () => {
    await h.create("held-reconcile");
    gate.close(({ method }) => method === "GET");
    const reconciling = settle(h.reconcile({ brandId: "held-reconcile" }));
    await heldAtGate(1);
    await expectNoTransactionAcrossTheCall();
    gate.open();
    expect(answerOf(await reconciling)).toMatchObject({ platformCampaignsSeen: 1n, unchanged: 1n, changes: [] });
  });
});

describe("when Campaigns loses its database connections during a platform call", () => {
  it("answers the create or UNAVAILABLE, and a retry with the same key ends with one campaign on the platform and in Waybill", async () => {
    const request = campaignRequest("terminated", { name: "Survivor", promoCode: "KILL1" });
    gate.close();
    const first = settle(h.admin.campaigns.createCampaign(request));
    await heldAtGate(1);
    expect(await terminateBackends()).toBeGreaterThan(0);
    gate.open();
    const answered = await first;
    if (!answered.ok) expect(answered.error.code).toBe(Code.Unavailable);
    // A retry while an interrupted attempt's claim still holds is ABORTED: wait for it to end.
    const retried = await waitFor(
      () => settle(h.admin.campaigns.createCampaign(request)),
      (settled) => settled.ok || settled.error.code !== Code.Aborted,
    );
    const { campaign } = answerOf(retried);
    if (answered.ok) expect(campaign).toEqual(answered.value.campaign);
    expect(campaign).toMatchObject({ name: "Survivor", promoCode: "KILL1", syncState: CampaignSyncState.SYNCED });
    expect((await h.platform.listAll("terminated")).map((remote) => remote.external_ref)).toEqual([
      campaign!.campaignId,
    ]);
    expect((await h.admin.campaigns.listCampaigns({ brandId: "terminated" })).campaigns).toEqual([campaign]);
    expect((await h.events("CampaignCreated")).filter((id) => id === campaign!.campaignId)).toHaveLength(1);
  });

  it("answers the update or UNAVAILABLE, and a retry with the same key changes the campaign once", async () => {
    const created = await h.create("terminated-update");
    const request = {
      campaignId: created.campaignId,
      name: "Renamed once",
      updateMask: mask("name"),
      idempotencyKey: key(),
    };
    gate.close(({ method }) => method === "PATCH");
    const first = settle(h.admin.campaigns.updateCampaign(request));
    await heldAtGate(1);
    expect(await terminateBackends()).toBeGreaterThan(0);
    gate.open();
    const answered = await first;
    if (!answered.ok) expect(answered.error.code).toBe(Code.Unavailable);
    const retried = await waitFor(
      () => settle(h.admin.campaigns.updateCampaign(request)),
      (settled) => settled.ok || settled.error.code !== Code.Aborted,
    );
    expect(answerOf(retried).campaign).toMatchObject({ name: "Renamed once" });
    expect((await h.platform.listAll("terminated-update"))[0]?.name).toBe("Renamed once");
    expect((await h.events("CampaignUpdated")).filter((id) => id === created.campaignId)).toHaveLength(1);
  });
});

describe("one campaign, one platform call at a time", () => {
  it("answers ABORTED to a change while another is at the platform, and the reconciler leaves the campaign alone", async () => {
    const campaign = await h.create("concurrent");
    const path = `/v1/campaigns/${campaign.platformCampaignId}`;
    const { renaming: first } = await renameHeldAtPlatform(campaign.campaignId, "First");

    const secondRequest = {
      campaignId: campaign.campaignId,
      name: "Second",
      status: CampaignStatus.PAUSED,
      updateMask: mask("name", "status"),
      idempotencyKey: key(),
    };
    const second = settle(h.admin.campaigns.updateCampaign(secondRequest));
    const archive = settle(
      h.admin.campaigns.archiveCampaign({ campaignId: campaign.campaignId, idempotencyKey: key() }),
    );
    // Either both are answered, or one of them reached the platform alongside the first.
    let answered = 0;
    void second.then(() => answered++);
    void archive.then(() => answered++);
    await waitFor(
      async () => ({ answered, held: gate.held() }),
      (seen) => seen.answered === 2 || seen.held > 1,
    );
    expect(gate.held()).toBe(1);
    for (const refused of [await second, await archive]) {
      expect(refused).toMatchObject({ ok: false });
      if (!refused.ok) {
        expect(refused.error.code).toBe(Code.Aborted);
        expect(refused.error.rawMessage).toBe(
          `a change of campaign ${campaign.campaignId} is in flight - retry shortly`,
        );
      }
    }
    const report = await h.reconcile({ brandId: "concurrent" });
    expect(report).toMatchObject({ platformCampaignsSeen: 1n, unchanged: 0n, changes: [] });

    gate.open();
    expect(answerOf(await first).campaign).toMatchObject({ name: "First", syncState: CampaignSyncState.SYNCED });
    const { campaign: after } = await h.admin.campaigns.updateCampaign(secondRequest);
    expect(after).toMatchObject({ name: "Second", status: CampaignStatus.PAUSED, syncState: CampaignSyncState.SYNCED });
    expect((await h.platform.listAll("concurrent"))[0]).toMatchObject({ name: "Second", status: "paused" });
    expect(gate.peakInFlight("PATCH", path)).toBe(1);
  });
});

describe("a platform call that outlives its claim", () => {
  it("is abandoned after three quarters of the lease: the change is kept FAILED and the campaign free again", async () => {
    const replica = await startTestWaybill({
      definitions: [campaignsService],
      env: {
        ...platformEnv(h.simulator),
        PLATFORM_TIMEOUT_MS: "5000",
        PLATFORM_RETRIES: "0",
        PLATFORM_LEASE_MS: "1000",
      },
      sharing: h.env,
    });
    try {
      const admin = await replica.as("admin");
      const campaign = await h.create("slow-platform");
      await h.control.inject({ kind: "latency", delayMs: 3_000, method: "PATCH" });
      const { campaign: slow } = await admin.campaigns.updateCampaign({
        campaignId: campaign.campaignId,
        name: "Too slow",
        updateMask: mask("name"),
        idempotencyKey: key(),
      });
      expect(slow).toMatchObject({
        name: "Too slow",
        syncState: CampaignSyncState.FAILED,
        lastSyncError: "the ad platform megaphone did not finish the call within 750 ms",
      });
      const { campaign: next } = await admin.campaigns.updateCampaign({
        campaignId: campaign.campaignId,
        name: "In time",
        updateMask: mask("name"),
        idempotencyKey: key(),
      });
      expect(next).toMatchObject({ name: "In time", syncState: CampaignSyncState.SYNCED });
    } finally {
      await replica.stop();
    }
  });
});

describe("a replica killed in the middle of a platform call", () => {
  let replica: WaybillProcess | undefined;
  afterEach(() => replica?.kill("SIGKILL"));

  /** Campaigns alone as its own process, through the gate, with a 4 s claim lease. */
  async function startReplica(): Promise<Waybill> {
    replica = await spawnWaybill(h.env, {
      SERVICES: "campaigns",
      AUTH_SECRET: testAuthSecret,
      PLATFORM_URL: gate.url,
      PLATFORM_TIMEOUT_MS: "2000",
      PLATFORM_RETRIES: "0",
      PLATFORM_LEASE_MS: "4000",
      RECONCILE_INTERVAL_MS: "0",
    });
    return createWaybill({ baseUrl: replica.url, token: await h.token("admin") });
  }

  it("leaves a create and a change that the reconciler completes once their claims end, each with its event once", async () => {
    const changed = await h.create("killed");
    const admin = await startReplica();
    const request = campaignRequest("killed", { name: "Orphan create", promoCode: "ORPHAN" });
    gate.close();
    const creating = settle(admin.campaigns.createCampaign(request));
    const updating = settle(
      admin.campaigns.updateCampaign({
        campaignId: changed.campaignId,
        name: "Orphan change",
        updateMask: mask("name"),
        idempotencyKey: key(),
      }),
    );
    await heldAtGate(2);
    await replica!.kill("SIGKILL");
    expect((await creating).ok).toBe(false);
    expect((await updating).ok).toBe(false);
    // The calls never reached the platform.
    gate.drop();
    gate.open();

    const claims = await h.sql
      .selectFrom("campaigns")
      .select(["campaign_id", "platform_campaign_id", "push_until", "sync_state", "name"])
      .where("brand_id", "=", "killed")
      .where("push_token", "is not", null)
      .execute();
    expect(claims).toHaveLength(2);
    const pendingCreate = claims.find((row) => row.platform_campaign_id === "");
    expect(pendingCreate).toMatchObject({ name: "Orphan create", sync_state: "pending" });
    expect(claims.find((row) => row.campaign_id === changed.campaignId)).toMatchObject({
      name: "Orphan change",
      sync_state: "pending",
    });
    // Until the claims end, the reconciler leaves both alone.
    expect((await h.reconcile({ brandId: "killed" })).changes).toEqual([]);
    const lastEnd = Math.max(...claims.map((row) => row.push_until!.getTime()));
    await waitUntil(
      async () => Date.now(),
      (now) => now > lastEnd,
      "the claims of the killed replica to end",
    );

    const report = await h.reconcile({ brandId: "killed" });
    expect(report.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          campaignId: changed.campaignId,
          action: ReconcileAction.PUSHED,
          changedFields: ["name"],
        }),
        expect.objectContaining({ campaignId: pendingCreate!.campaign_id, action: ReconcileAction.PUSHED }),
      ]),
    );
    expect(report.changes).toHaveLength(2);
    const onPlatform = await h.platform.listAll("killed");
    expect(onPlatform.map((remote) => remote.name).sort()).toEqual(["Orphan change", "Orphan create"]);
    expect((await h.admin.campaigns.getCampaign({ campaignId: changed.campaignId })).campaign).toMatchObject({
      name: "Orphan change",
      syncState: CampaignSyncState.SYNCED,
    });
    // The retry of the create answers the campaign the reconciler completed.
    const { campaign } = await h.admin.campaigns.createCampaign(request);
    expect(campaign).toMatchObject({
      campaignId: pendingCreate!.campaign_id,
      name: "Orphan create",
      promoCode: "ORPHAN",
      syncState: CampaignSyncState.SYNCED,
    });
    expect((await h.events("CampaignCreated")).filter((id) => id === campaign!.campaignId)).toHaveLength(1);
    expect((await h.events("CampaignUpdated")).filter((id) => id === changed.campaignId)).toHaveLength(1);
    expect((await h.reconcile({ brandId: "killed" })).changes).toEqual([]);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createPlatformClient,
  type PlatformCampaignInput,
  type PlatformClient,
  PlatformError,
} from "../../services/campaigns/platform/index.js";
import type { PlatformSimulator, SimulatorControl } from "../../services/campaigns/simulator/index.js";
import { createTestLogger } from "../support/index.js";
import { startSimulator } from "./helpers/campaigns-harness.js";

let simulator: PlatformSimulator;
let control: SimulatorControl;
let client: PlatformClient;

beforeAll(async () => {
  ({ simulator, control } = await startSimulator());
  client = createPlatformClient({
    name: "megaphone",
    baseUrl: () => simulator.url,
    timeoutMs: 1_000,
    retries: 2,
    backoffMs: 20,
    logger: createTestLogger(),
  });
});
afterAll(() => simulator?.close());
beforeEach(() => control.reset());

const input = (name = "Spring sale"): PlatformCampaignInput => ({
  advertiser_id: "acme",
  external_ref: crypto.randomUUID(),
  name,
  status: "active",
  budget: { currency: "EUR", amount_minor: 50_000 },
  start_time: "2026-03-01T00:00:00.000Z",
  end_time: "2026-04-01T00:00:00.000Z",
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => new Error("expected the call to fail"),
    (error: unknown) => error as PlatformError,
  );
const statuses = async () => (await control.requests()).map((request) => request.status);

describe("platform client", () => {
  it("retries a create the platform answered 500 and then made", async () => {
    await control.inject({ kind: "error", status: 500, method: "POST" });
    const created = await client.create(input(), "key-500");
    expect(created).toMatchObject({ name: "Spring sale", advertiser_id: "acme" });
    expect(await statuses()).toEqual([500, 201]);
    expect(await client.listAll()).toHaveLength(1);
  });

  it("waits as long as a 429's Retry-After says", async () => {
    await control.inject({ kind: "rate_limit", retryAfterSeconds: 1 });
    const started = Date.now();
    await client.listAll();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(await statuses()).toEqual([429, 200]);
  });

  it("gets the first campaign back when a create's answer was lost, thanks to the idempotency key", async () => {
    await control.inject({ kind: "lost", method: "POST" });
    const created = await client.create(input(), "key-lost");
    expect(await statuses()).toEqual([null, 201]);
    const listed = await client.listAll();
    expect(listed.map((campaign) => campaign.id)).toEqual([created.id]);
  });

  it("retries an attempt that timed out, and gives up after the last with UNAVAILABLE naming the attempts", async () => {
    await control.inject({ kind: "latency", delayMs: 1_500 });
    expect(await client.listAll()).toEqual([]);
    await control.inject({ kind: "error", status: 503, times: 3 });
    const error = await failure(client.list({}));
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ kind: "unavailable", status: 503 });
    expect(error.message).toBe("the ad platform megaphone answered 503 to the listing after 3 attempts");
  });

  it("does not retry what the platform refused, and tells a conflicting key and a missing campaign apart", async () => {
    await control.inject({ kind: "error", status: 422 });
    expect(await failure(client.create(input(), "key-422"))).toMatchObject({ kind: "rejected", status: 422 });
    expect(await statuses()).toEqual([422]);
    await client.create(input("First"), "key-reused");
    expect(await failure(client.create(input("Second"), "key-reused"))).toMatchObject({ kind: "conflict" });
    expect(await failure(client.update("mp_missing", { name: "x" }))).toMatchObject({ kind: "not_found" });
    expect(await client.remove("mp_missing")).toBe(false);
  });

  it("cannot reach a platform that is not there", async () => {
    const nowhere = createPlatformClient({
      name: "nowhere",
      baseUrl: () => "http://127.0.0.1:1",
      timeoutMs: 300,
      retries: 1,
      backoffMs: 10,
      logger: createTestLogger(),
    });
    const error = await failure(nowhere.listAll());
    expect(error).toMatchObject({ kind: "unavailable" });
    expect(error.message).toBe("the ad platform nowhere could not be reached for the listing in 2 attempts");
  });

  it("lists every page, of one advertiser when asked", async () => {
    for (let i = 0; i < 230; i++)
      await client.create({ ...input(`C${i}`), advertiser_id: i % 10 === 0 ? "globex" : "acme" }, `page-${i}`);
    const all = await client.listAll();
    expect(all).toHaveLength(230);
    expect(new Set(all.map((campaign) => campaign.id)).size).toBe(230);
    expect(await client.listAll("globex")).toHaveLength(23);
  });

  it("updates and deletes", async () => {
    const created = await client.create(input(), "key-edit");
    expect(await client.update(created.id, { status: "paused", name: "Renamed" })).toMatchObject({
      status: "paused",
      name: "Renamed",
    });
    expect(await client.remove(created.id)).toBe(true);
    expect(await client.listAll()).toEqual([]);
  });
});

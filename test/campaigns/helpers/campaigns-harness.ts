import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  type Campaign,
  CampaignStatus,
  type CreateCampaignRequest,
  CreateCampaignRequestSchema,
  type ReconcileCampaignsResponse,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { type Money, MoneySchema } from "@waybill/contracts/waybill/common/v1/money_pb.js";
import type { Waybill } from "@waybill/sdk";
import type { Kysely } from "kysely";
import { campaignsService } from "../../../services/campaigns/index.js";
import { createPlatformClient, type PlatformClient } from "../../../services/campaigns/platform/index.js";
import {
  createSimulatorControl,
  type PlatformSimulator,
  type SimulatorControl,
  startPlatformSimulator,
} from "../../../services/campaigns/simulator/index.js";
import type { CampaignsDatabase } from "../../../services/campaigns/storage/index.js";
import type { ServiceDefinition } from "../../../services/kit/app/index.js";
import { createTestLogger, outboxAggregateIds, schemaSql } from "../../support/index.js";
import { accessOf, startTestWaybill, type WaybillAccess } from "../../support/test-waybill.js";
import { type PlatformGate, startPlatformGate } from "./platform-gate.js";

/**
 * Platform settings for tests: 2 s per attempt, 2 retries 20 ms apart (doubling), and no scheduled
 * reconcile (tests reconcile with the RPC).
 */
export function platformEnv(simulator: PlatformSimulator): Record<string, string> {
  return {
    PLATFORM_URL: simulator.url,
    PLATFORM_TIMEOUT_MS: "2000",
    PLATFORM_RETRIES: "2",
    PLATFORM_BACKOFF_MS: "20",
    RECONCILE_INTERVAL_MS: "0",
  };
}

/** A simulator on a free port with its admin client, and a client of its API that plays another user of the platform. */
export async function startSimulator(): Promise<{
  readonly simulator: PlatformSimulator;
  readonly control: SimulatorControl;
  readonly platform: PlatformClient;
}> {
  const simulator = await startPlatformSimulator();
  const platform = createPlatformClient({
    name: "megaphone",
    baseUrl: () => simulator.url,
    timeoutMs: 2_000,
    retries: 0,
    backoffMs: 0,
    logger: createTestLogger(),
  });
  return { simulator, control: createSimulatorControl(simulator.url), platform };
}

let requests = 0;

/** Fields a test may set on a CreateCampaign request. */
export type CampaignOverrides = Partial<Omit<CreateCampaignRequest, "$typeName" | "$unknown">>;

/** A budget in euros, as minor units. */
export function eur(minorUnits: number): Money {
  return create(MoneySchema, { currencyCode: "EUR", minorUnits: BigInt(minorUnits) });
}

/** A CreateCampaign request of `brandId` on megaphone with test defaults, a fresh key, and `overrides`. */
export function campaignRequest(brandId: string, overrides: CampaignOverrides = {}): CreateCampaignRequest {
  const n = ++requests;
  return create(CreateCampaignRequestSchema, {
    brandId,
    name: `Campaign ${n}`,
    platform: "megaphone",
    budget: eur(100_000),
    startTime: timestampFromDate(new Date("2026-03-01T00:00:00Z")),
    endTime: timestampFromDate(new Date("2026-06-01T00:00:00Z")),
    status: CampaignStatus.ACTIVE,
    promoCode: "",
    idempotencyKey: `campaign-${n}-${crypto.randomUUID()}`,
    ...overrides,
  });
}

/**
 * Campaigns against a simulator started for the test file. (A test wanting more replicas starts
 * them with `startTestWaybill({ ..., sharing: harness.env })`.)
 */
export interface CampaignsHarness extends WaybillAccess {
  readonly simulator: PlatformSimulator;
  readonly control: SimulatorControl;
  /** The gate Campaigns reaches the platform through, when started `gated`. */
  readonly gate: PlatformGate | undefined;
  /** The platform's API called directly, as another user of the platform would. */
  readonly platform: PlatformClient;
  readonly admin: Waybill;
  /** A client of a brand (its own tenant). */
  brand(brandId: string): Promise<Waybill>;
  readonly sql: Kysely<CampaignsDatabase>;
  /** Creates a campaign of `brandId` as admin. */
  create(brandId: string, overrides?: CampaignOverrides): Promise<Campaign>;
  /** One reconcile now, as admin. */
  reconcile(scope?: { readonly brandId?: string }): Promise<ReconcileCampaignsResponse>;
  /** Aggregate ids of the Campaigns events of one type written so far, oldest first. */
  events(type: string): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Starts Campaigns with {@link platformEnv} (overridable), beside `with`. `gated` puts a
 * {@link PlatformGate} between Campaigns and the simulator, with attempts long enough to be held
 * (8 s) and a claim lease of 10 s. `now` is the services' clock.
 */
export async function startCampaignsHarness(
  options: {
    readonly env?: Readonly<Record<string, string>>;
    readonly with?: readonly ServiceDefinition[];
    readonly gated?: boolean;
    /** The services' clock (default: the system clock). */
    readonly now?: () => Date;
  } = {},
): Promise<CampaignsHarness> {
  const { simulator, control, platform } = await startSimulator();
  const gate = options.gated ? await startPlatformGate(simulator.url) : undefined;
  const gated: Record<string, string> = gate
    ? { PLATFORM_URL: gate.url, PLATFORM_TIMEOUT_MS: "8000", PLATFORM_LEASE_MS: "10000" }
    : {};
  const env = { ...platformEnv(simulator), ...gated, ...options.env };
  const definitions = [...(options.with ?? []), campaignsService];
  const waybill = await startTestWaybill({ definitions, env, ...(options.now ? { now: options.now } : {}) });
  const admin = await waybill.as("admin");
  const sql = schemaSql<CampaignsDatabase>(waybill.env.databaseUrl, "campaigns");
  return {
    ...accessOf(waybill),
    simulator,
    control,
    gate,
    platform,
    admin,
    sql,
    brand: (brandId) => waybill.as("brand", brandId),
    async create(brandId, overrides) {
      return (await admin.campaigns.createCampaign(campaignRequest(brandId, overrides))).campaign!;
    },
    reconcile: (scope = {}) =>
      admin.campaigns.reconcileCampaigns({ ...scope, idempotencyKey: `reconcile-${crypto.randomUUID()}` }),
    events: (type) => outboxAggregateIds(sql, "campaigns", type),
    async stop() {
      await sql.destroy();
      await waybill.stop();
      gate?.open();
      await gate?.stop();
      await simulator.close();
    },
  };
}

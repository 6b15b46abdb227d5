import { CampaignService } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { file_waybill_campaigns_v1_events } from "@waybill/contracts/waybill/campaigns/v1/events_pb.js";
import { defineService, type ServiceDeps, type ServiceInstance } from "../kit/app/index.js";
import { defaultPlatform } from "./domain/index.js";
import { createOrdersConsumer } from "./events/index.js";
import { createCampaignsHandlers } from "./handlers/index.js";
import { campaignsMigrations } from "./migrations/index.js";
import type { CampaignsContext } from "./operations/index.js";
import { createPlatforms } from "./platform/index.js";
import { type CampaignsSettings, campaignsSettings } from "./settings.js";
import type { CampaignsDatabase } from "./storage/index.js";
import { createReconcileWorker, createSimulatorWorker } from "./workers/index.js";

/** What Campaigns is built from. */
export type CampaignsDeps = ServiceDeps<CampaignsSettings, CampaignsDatabase>;

/**
 * Builds Campaigns: campaigns of each brand created on their ad platform and kept in line with it
 * (pushes on every change, each claimed for its call and made outside any transaction, and a
 * scheduled reconciler holding a lease so one replica runs it),
 * search with sort and pages, and the consumer of order events that keeps each campaign's stats.
 * Without `PLATFORM_URL` outside production, the platform simulator runs in process as the
 * platform `megaphone`.
 */
export function createCampaignsService(deps: CampaignsDeps): ServiceInstance {
  const { db, outbox, events, settings, logger, now } = deps;
  const simulator = settings.platformSimulator ? createSimulatorWorker(logger) : undefined;
  const urls = simulator
    ? { [defaultPlatform]: () => simulator.url() }
    : Object.fromEntries(Object.entries(settings.platformUrls).map(([name, url]) => [name, () => url]));
  const ctx: CampaignsContext = {
    db,
    outbox,
    platforms: createPlatforms({
      urls,
      timeoutMs: settings.platformTimeoutMs,
      retries: settings.platformRetries,
      backoffMs: settings.platformBackoffMs,
      logger,
    }),
    leaseMs: settings.platformLeaseMs,
    now,
    logger,
  };
  return {
    implementation: createCampaignsHandlers(ctx),
    workers: [
      ...(simulator ? [simulator] : []),
      createOrdersConsumer(ctx, events),
      createReconcileWorker(ctx, { intervalMs: settings.reconcileIntervalMs }),
    ],
  };
}

/** Campaigns as Waybill runs it. */
export const campaignsService = defineService({
  name: "campaigns",
  descriptor: CampaignService,
  events: file_waybill_campaigns_v1_events,
  migrations: campaignsMigrations,
  settings: campaignsSettings,
  create: createCampaignsService,
});

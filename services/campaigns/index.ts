import { CampaignService } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import type { Kysely } from "kysely";
import type { ServiceDefinition } from "../kit/app/index.js";
import { createOrdersConsumer } from "./events/orders-consumer.js";
import { createCampaignsHandlers } from "./handlers/index.js";
import { campaignsMigrations } from "./migrations/index.js";
import type { CampaignsContext } from "./operations/campaigns-context.js";
import { createPlatforms } from "./platform/index.js";
import type { CampaignsDatabase } from "./storage/index.js";
import { createReconcileWorker } from "./workers/reconcile-worker.js";
import { createSimulatorWorker, simulatedPlatform } from "./workers/simulator-worker.js";

/** Test hooks of the Campaigns service; none in production. */
export interface CampaignsServiceOptions {
  /** The clock of every time Campaigns writes (default: the system clock). */
  readonly now?: () => Date;
}

/**
 * Builds the Campaigns service definition: campaigns of each brand created on their ad platform
 * first and kept in line with it (pushes on every change, a scheduled reconciler taking a lock so
 * one replica runs it), search with sort and pages, and the consumer of order events that keeps
 * each campaign's stats. Without `PLATFORM_URL` outside production, the platform simulator runs in
 * process as the platform `megaphone`.
 *
 * @example
 * await startTestWaybill({ definitions: [createCampaignsService()], env: { PLATFORM_URL: simulator.url, RECONCILE_INTERVAL_MS: "0" } });
 */
export function createCampaignsService(options: CampaignsServiceOptions = {}): ServiceDefinition {
  return {
    name: "campaigns",
    descriptor: CampaignService,
    migrations: campaignsMigrations,
    create({ db, js, jsm, config, outbox, logger }) {
      const simulator = config.platformSimulator ? createSimulatorWorker(logger) : undefined;
      const urls = simulator
        ? { [simulatedPlatform]: () => simulator.url() }
        : Object.fromEntries(Object.entries(config.platformUrls).map(([name, url]) => [name, () => url]));
      const ctx: CampaignsContext = {
        db: db as Kysely<CampaignsDatabase>,
        outbox,
        platforms: createPlatforms({
          urls,
          timeoutMs: config.platformTimeoutMs,
          retries: config.platformRetries,
          backoffMs: config.platformBackoffMs,
          logger,
        }),
        now: options.now ?? (() => new Date()),
        logger,
      };
      return {
        implementation: createCampaignsHandlers(ctx),
        workers: [
          ...(simulator ? [simulator] : []),
          createOrdersConsumer(ctx, { js, jsm, prefix: config.eventPrefix }),
          createReconcileWorker(ctx, { intervalMs: config.reconcileIntervalMs }),
        ],
      };
    },
  };
}

/** Campaigns as Waybill runs it. */
export const campaignsService: ServiceDefinition = createCampaignsService();

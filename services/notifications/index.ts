import { file_waybill_notifications_v1_events } from "@waybill/contracts/waybill/notifications/v1/events_pb.js";
import { NotificationService } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { defineService, type ServiceDeps, type ServiceInstance, type Worker } from "../kit/app/index.js";
import { createMailChannel, createWebhookChannel, type HostLookup } from "./channels/index.js";
import { maxRetryDelayMs } from "./domain/index.js";
import { createActivityFeed, createNotificationsConsumer } from "./events/index.js";
import { createNotificationsHandlers } from "./handlers/index.js";
import { notificationsMigrations } from "./migrations/index.js";
import {
  emailDeliverer,
  loadEmailTemplates,
  type NotificationsContext,
  ordersCustomerLookup,
  sealWebhookSecrets,
  templatesDir,
  webhookDeliverer,
} from "./operations/index.js";
import { type NotificationsSettings, notificationsSettings } from "./settings.js";
import type { NotificationsDatabase } from "./storage/index.js";
import { createBacklogMetrics } from "./workers/backlog-metrics.js";
import { createSender } from "./workers/index.js";

/** What Notifications is built from. */
export type NotificationsDeps = ServiceDeps<NotificationsSettings, NotificationsDatabase>;

/** What a test may swap in Notifications (everything else comes from the kit). */
export interface NotificationsOptions {
  /** How webhook hosts are resolved, at registration and on every connection (default: the system's resolver). */
  readonly lookupHost?: HostLookup;
}

/** The domains whose events Notifications consumes (each with its own durable consumer). */
const sourceDomains = ["inventory", "orders", "fleet", "campaigns"] as const;

/** Emails attempted at once per replica (also the SMTP pool's connections). */
const emailLanes = 3;
/** Webhook deliveries attempted at once per replica. */
const webhookLanes = 4;

/**
 * Builds Notifications: the consumers that turn every domain's events into emails, webhook
 * deliveries and activity entries; the senders that deliver them with retries; webhooks and brand
 * contacts; and the activity feed with its live watch.
 */
export function createNotificationsService(
  deps: NotificationsDeps,
  options: NotificationsOptions = {},
): ServiceInstance {
  const { db, outbox, events, settings, config, clients, logger, now, shutdownSignal } = deps;
  const webhooks = createWebhookChannel({
    allowList: settings.webhookAllowList,
    httpsOnly: config.production,
    ...(options.lookupHost ? { lookup: options.lookupHost } : {}),
  });
  const retry = (maxAttempts: number) => ({ baseMs: settings.notifyRetryBaseMs, maxMs: maxRetryDelayMs, maxAttempts });
  const ctx: NotificationsContext = {
    db,
    outbox,
    registry: events.registry,
    templates: loadEmailTemplates(templatesDir),
    settings: {
      adminEmail: settings.adminEmail,
      emailMaxEventAgeMs: settings.emailMaxEventAgeMs,
      retry: { email: retry(settings.emailMaxAttempts), webhook: retry(settings.webhookMaxAttempts) },
      webhookTimeoutMs: settings.webhookTimeoutMs,
      leaseMs: settings.notifyLeaseMs,
      webhookSecretKeys: settings.webhookSecretKeys,
    },
    lookupCustomer: ordersCustomerLookup(clients),
    webhooks,
    now,
    random: Math.random,
    logger,
  };
  const mail = createMailChannel({
    smtpUrl: settings.smtpUrl,
    mailFrom: settings.mailFrom,
    mailDir: settings.mailDir,
    maxConnections: emailLanes,
    timeoutMs: settings.emailTimeoutMs,
  });
  const feed = createActivityFeed({ databaseUrl: config.databaseUrl, logger });
  // Started in this order, stopped in reverse: senders first, the mail and webhook connections last.
  // Starting also re-seals secrets at rest, before any sender signs with them.
  const channels: Worker = {
    start: async () => {
      logger.info(`emails go to ${mail.description}`);
      if (settings.webhookSecretKeyDerived)
        logger.warn(
          "WEBHOOK_SECRET_KEY is unset: webhook secrets are encrypted with a key derived from AUTH_SECRET (development only)",
        );
      await sealWebhookSecrets(ctx);
      if (settings.webhookAllowList.length > 0)
        logger.info(
          "webhooks may go to the non-public targets WEBHOOK_ALLOWED_HOSTS lists (development and tests only)",
        );
    },
    stop: async () => {
      mail.close();
      await webhooks.close();
    },
  };
  return {
    implementation: createNotificationsHandlers({ ctx, activity: feed, shutdownSignal }),
    workers: [
      channels,
      feed,
      ...sourceDomains.map((domain) => createNotificationsConsumer(domain, ctx, events)),
      createSender(ctx, {
        channel: "email",
        deliver: emailDeliverer(mail),
        intervalMs: settings.notifyPollMs,
        lanes: emailLanes,
      }),
      createSender(ctx, {
        channel: "webhook",
        deliver: webhookDeliverer(ctx),
        intervalMs: settings.notifyPollMs,
        lanes: webhookLanes,
      }),
      createBacklogMetrics(ctx),
    ],
  };
}

/**
 * Notifications' definition with `options` (a test's own resolver).
 *
 * @example
 * startTestWaybill({ definitions: [defineNotificationsService({ lookupHost: async () => ["93.184.215.14"] })] });
 */
export function defineNotificationsService(options: NotificationsOptions = {}) {
  return defineService({
    name: "notifications",
    descriptor: NotificationService,
    events: file_waybill_notifications_v1_events,
    migrations: notificationsMigrations,
    settings: notificationsSettings,
    create: (deps: NotificationsDeps) => createNotificationsService(deps, options),
  });
}

/** Notifications as Waybill runs it. */
export const notificationsService = defineNotificationsService();

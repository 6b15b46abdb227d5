import { NotificationService } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import type { Kysely } from "kysely";
import { createEventRegistry, type ServiceDefinition, type Worker } from "../kit/app/index.js";
import type { EventDomain } from "../kit/events/index.js";
import { createMailChannel } from "./channels/mail-channel.js";
import { maxRetryDelayMs } from "./domain/index.js";
import { createActivityFeed } from "./events/activity-feed.js";
import { createNotificationsConsumer } from "./events/notifications-consumer.js";
import { createNotificationsHandlers } from "./handlers/index.js";
import { notificationsMigrations } from "./migrations/index.js";
import { ordersCustomerLookup } from "./operations/customer-directory.js";
import { emailDeliverer, webhookDeliverer } from "./operations/deliverers.js";
import { loadEmailTemplates, templatesDir } from "./operations/email-templates.js";
import type { NotificationsContext } from "./operations/notifications-context.js";
import type { NotificationsDatabase } from "./storage/index.js";
import { createSender } from "./workers/sender.js";

/** Test hooks of the Notifications service; none in production. */
export interface NotificationsServiceOptions {
  /** The clock of every time Notifications writes and compares (default: the system clock). */
  readonly now?: () => Date;
  /** Source of the retry jitter, from 0 to 1 (default `Math.random`). */
  readonly random?: () => number;
  /** Folder of the email templates (default: the service's `templates/`). */
  readonly templatesDir?: URL;
}

/** The domains whose events Notifications consumes (each with its own durable consumer). */
const sourceDomains: readonly EventDomain[] = ["inventory", "orders", "fleet", "campaigns"];

/** Emails attempted at once per replica (also the SMTP pool's connections). */
const emailLanes = 3;
/** Webhook deliveries attempted at once per replica. */
const webhookLanes = 4;

/**
 * Builds the Notifications service definition: the consumers that turn every domain's events into
 * emails, webhook deliveries and activity entries; the senders that deliver them with retries;
 * webhooks and brand contacts; and the activity feed with its live watch.
 *
 * @example
 * await startTestWaybill({ definitions: [inventoryService, createNotificationsService()], env: { SMTP_URL: "smtp://127.0.0.1:2525" } });
 */
export function createNotificationsService(options: NotificationsServiceOptions = {}): ServiceDefinition {
  return {
    name: "notifications",
    descriptor: NotificationService,
    migrations: notificationsMigrations,
    create({ db, js, jsm, config, outbox, clients, logger, shutdownSignal }) {
      const retry = (maxAttempts: number) => ({
        baseMs: config.notifyRetryBaseMs,
        maxMs: maxRetryDelayMs,
        maxAttempts,
      });
      const ctx: NotificationsContext = {
        db: db as Kysely<NotificationsDatabase>,
        outbox,
        registry: createEventRegistry(),
        templates: loadEmailTemplates(options.templatesDir ?? templatesDir),
        settings: {
          adminEmail: config.adminEmail,
          emailMaxEventAgeMs: config.emailMaxEventAgeMs,
          retry: { email: retry(config.emailMaxAttempts), webhook: retry(config.webhookMaxAttempts) },
          webhookTimeoutMs: config.webhookTimeoutMs,
        },
        lookupCustomer: ordersCustomerLookup(clients),
        now: options.now ?? (() => new Date()),
        random: options.random ?? Math.random,
        logger,
      };
      const mail = createMailChannel({
        smtpUrl: config.smtpUrl,
        mailFrom: config.mailFrom,
        mailDir: config.mailDir,
        maxConnections: emailLanes,
      });
      const feed = createActivityFeed({ databaseUrl: config.databaseUrl, logger });
      const consumerDeps = { js, jsm, prefix: config.eventPrefix };
      // Started in this order, stopped in reverse: senders first, the mail connections last.
      const mailCloser: Worker = {
        start: async () => logger.info(`emails go to ${mail.description}`),
        stop: async () => mail.close(),
      };
      return {
        implementation: createNotificationsHandlers({ ctx, feed, shutdownSignal }),
        workers: [
          mailCloser,
          feed,
          ...sourceDomains.map((domain) => createNotificationsConsumer(domain, ctx, consumerDeps)),
          createSender(ctx, {
            channel: "email",
            deliver: emailDeliverer(mail),
            intervalMs: config.notifyPollMs,
            lanes: emailLanes,
          }),
          createSender(ctx, {
            channel: "webhook",
            deliver: webhookDeliverer(ctx),
            intervalMs: config.notifyPollMs,
            lanes: webhookLanes,
          }),
        ],
      };
    },
  };
}

/** Notifications as Waybill runs it. */
export const notificationsService: ServiceDefinition = createNotificationsService();

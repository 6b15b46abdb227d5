import type { Registry } from "@bufbuild/protobuf";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Outbox } from "../../kit/events/index.js";
import type { WebhookChannel } from "../channels/index.js";
import type { ChannelName, RetryPolicy, SecretKeyRing } from "../domain/index.js";
import type { NotificationsDatabase } from "../storage/index.js";
import type { CustomerLookup } from "./customer-directory.js";
import type { EmailTemplates } from "./email-templates.js";

/** The settings Notifications' operations read (from the configuration). */
export interface NotificationSettings {
  /** The operator's address, copied on brands' stock emails; undefined for none. */
  readonly adminEmail: string | undefined;
  /** Events older than this are not emailed. */
  readonly emailMaxEventAgeMs: number;
  /** Retries of each channel. */
  readonly retry: Readonly<Record<ChannelName, RetryPolicy>>;
  /** How long a webhook endpoint may take to answer. */
  readonly webhookTimeoutMs: number;
  /**
   * How long a sender holds a notification it is attempting (`NOTIFY_LEASE_MS`), longer than any
   * send may take; an attempt with no outcome by then counts as interrupted.
   */
  readonly leaseMs: number;
  /** The keys webhook secrets are sealed with at rest (`WEBHOOK_SECRET_KEY`): the first seals, all open. */
  readonly webhookSecretKeys: SecretKeyRing;
}

/** What the Notifications operations share. */
export interface NotificationsContext {
  readonly db: Kysely<NotificationsDatabase>;
  /** The kit's outbox of the notifications schema. */
  readonly outbox: Outbox;
  /** Every domain's event types, to write a webhook's envelope as JSON. */
  readonly registry: Registry;
  readonly templates: EmailTemplates;
  readonly settings: NotificationSettings;
  /**
   * Asks Orders for a customer Notifications has not heard of yet; called only with no
   * transaction open (the consumer's preparation, see `prepare-event.ts`).
   */
  readonly lookupCustomer: CustomerLookup;
  /** Where webhook deliveries go out, and which URLs may be registered (checked again on every connection). */
  readonly webhooks: WebhookChannel;
  /** The clock of every time Notifications writes and compares (a test may move it). */
  readonly now: () => Date;
  /** Source of the retry jitter (a test may fix it). */
  readonly random: () => number;
  readonly logger: Logger;
}

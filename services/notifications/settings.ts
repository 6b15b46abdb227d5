import { EnvError, makeExactValidator } from "envalid";
import {
  ConfigError,
  defineSettings,
  developmentAuthSecret,
  emailAddress,
  integer,
  mailbox,
  nonBlank,
  secretUrlOf,
} from "../kit/config/index.js";
import {
  derivedSecretKeys,
  parseAllowList,
  parseSecretKeys,
  type SecretKeyRing,
  type WebhookAllowList,
} from "./domain/index.js";

/** How much longer than the longest send timeout the lease must be, so a timed-out attempt still records its outcome. */
const leaseMarginMs = 1_000;

/** `WEBHOOK_ALLOWED_HOSTS`: comma-separated hosts, host:port, addresses or CIDRs (see `parseAllowList`). */
const allowList = makeExactValidator<WebhookAllowList>((text) => {
  try {
    return parseAllowList(text);
  } catch (error) {
    throw new EnvError((error as Error).message);
  }
});

/** `WEBHOOK_SECRET_KEY`: comma-separated id:key pairs, 32-byte keys in base64 (see `parseSecretKeys`). */
const secretKeys = makeExactValidator<SecretKeyRing>((text) => {
  try {
    return parseSecretKeys(text);
  } catch (error) {
    throw new EnvError((error as Error).message);
  }
});

/** Notifications' settings: where email goes, how deliveries are retried, how often they are looked for. */
export const notificationsSettings = defineSettings(
  {
    SMTP_URL: secretUrlOf(
      ["smtp:", "smtps:"],
      "smtps://user:password@host:465",
    )({
      devDefault: undefined,
      desc: "SMTP server of every email, smtp:// or smtps://user:password@host:port; unset, emails are written to MAIL_DIR",
    }),
    MAIL_FROM: mailbox({ default: "Waybill <no-reply@waybill.localhost>", desc: "sender of every email" }),
    ADMIN_EMAIL: emailAddress({
      default: undefined,
      desc: "the operator's address, copied on low-stock and out-of-stock emails; unset, no copy",
    }),
    MAIL_DIR: nonBlank({
      default: ".waybill/mail",
      desc: "where emails are written as <notification id>.eml while SMTP_URL is unset",
    }),
    EMAIL_MAX_ATTEMPTS: integer(
      1,
      100,
    )({
      default: 10,
      desc: "attempts of an email before it is DEAD (a permanent 5xx refusal is DEAD at once)",
    }),
    EMAIL_TIMEOUT_MS: integer(
      100,
      600_000,
    )({
      default: 30_000,
      desc: "longest time one email may take over SMTP (connecting, greeting, every reply); past it the attempt fails and is retried",
    }),
    EMAIL_MAX_EVENT_AGE_MS: integer(
      1_000,
      31_536_000_000,
    )({
      default: 86_400_000,
      desc: "events older than this when consumed are not emailed (a replayed stream)",
    }),
    WEBHOOK_MAX_ATTEMPTS: integer(
      1,
      100,
    )({
      default: 10,
      desc: "attempts of a webhook delivery before it is DEAD; RedriveWebhookDeliveries tries again",
    }),
    WEBHOOK_TIMEOUT_MS: integer(
      10,
      120_000,
    )({ default: 10_000, desc: "how long a webhook endpoint may take to answer" }),
    WEBHOOK_ALLOWED_HOSTS: allowList({
      default: [],
      desc: "non-public webhook targets let through, for development and tests only: comma-separated hosts (localhost), host:port, addresses (127.0.0.1, [::1]:8080) or CIDRs (10.0.0.0/8); empty, a webhook URL must resolve to public addresses only",
    }),
    WEBHOOK_SECRET_KEY: secretKeys({
      devDefault: undefined,
      desc: "keys that encrypt webhook signing secrets at rest (AES-256-GCM): comma-separated id:key pairs, each key 32 random bytes in base64 (openssl rand -base64 32); the first encrypts, every one decrypts, and at start secrets under another key are re-encrypted with the first (rotate: add the new key second everywhere, then first, then drop the old one); unset outside production, a key derived from AUTH_SECRET",
    }),
    NOTIFY_RETRY_BASE_MS: integer(
      1,
      3_600_000,
    )({
      default: 10_000,
      desc: "first retry delay of a failed notification, doubled per attempt with jitter, at most 1 h",
    }),
    NOTIFY_POLL_MS: integer(5, 60_000)({ default: 500, desc: "how often each replica looks for notifications due" }),
    NOTIFY_LEASE_MS: integer(
      1_100,
      3_600_000,
    )({
      default: 60_000,
      desc: "how long a sender holds a notification it is attempting (at least 1 s longer than EMAIL_TIMEOUT_MS and WEBHOOK_TIMEOUT_MS); an attempt with no outcome by then counts as interrupted and is retried",
    }),
  },
  (values, env) => {
    const longestSend = Math.max(values.EMAIL_TIMEOUT_MS, values.WEBHOOK_TIMEOUT_MS);
    if (values.NOTIFY_LEASE_MS < longestSend + leaseMarginMs)
      throw new ConfigError(
        "NOTIFY_LEASE_MS",
        `${values.NOTIFY_LEASE_MS} must be at least ${longestSend + leaseMarginMs} (1 s longer than EMAIL_TIMEOUT_MS and WEBHOOK_TIMEOUT_MS)`,
      );
    return {
      smtpUrl: values.SMTP_URL,
      mailFrom: values.MAIL_FROM,
      adminEmail: values.ADMIN_EMAIL,
      mailDir: values.MAIL_DIR,
      emailMaxAttempts: values.EMAIL_MAX_ATTEMPTS,
      emailMaxEventAgeMs: values.EMAIL_MAX_EVENT_AGE_MS,
      webhookMaxAttempts: values.WEBHOOK_MAX_ATTEMPTS,
      webhookTimeoutMs: values.WEBHOOK_TIMEOUT_MS,
      webhookAllowList: values.WEBHOOK_ALLOWED_HOSTS,
      // Outside production only (there the variable is required): stable for one AUTH_SECRET.
      webhookSecretKeys: values.WEBHOOK_SECRET_KEY ?? derivedSecretKeys(env.AUTH_SECRET ?? developmentAuthSecret),
      webhookSecretKeyDerived: values.WEBHOOK_SECRET_KEY === undefined,
      notifyRetryBaseMs: values.NOTIFY_RETRY_BASE_MS,
      notifyPollMs: values.NOTIFY_POLL_MS,
      emailTimeoutMs: values.EMAIL_TIMEOUT_MS,
      notifyLeaseMs: values.NOTIFY_LEASE_MS,
    };
  },
);

/** Notifications' settings, as read. */
export type NotificationsSettings = ReturnType<typeof notificationsSettings.read>;

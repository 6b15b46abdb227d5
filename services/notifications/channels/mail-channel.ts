import { createMailDirectory } from "./mail-directory.js";
import type { MailChannel } from "./outgoing-email.js";
import { createSmtpMailer } from "./smtp-mailer.js";

/** Settings of {@link createMailChannel}. */
export interface MailChannelSettings {
  /** `SMTP_URL`; undefined writes emails to `mailDir`. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly mailDir: string;
  /** Connections the SMTP pool may open at once. */
  readonly maxConnections: number;
  /** Longest time one email may take over SMTP (`EMAIL_TIMEOUT_MS`). */
  readonly timeoutMs: number;
}

/**
 * The SMTP server at `SMTP_URL` (nodemailer, pooled), or without it the development mail folder
 * `MAIL_DIR`, where every email is written as an `.eml` file — so nothing sent in development is
 * lost, and nothing reaches a real inbox.
 *
 * @example
 * const mail = createMailChannel({ smtpUrl, mailFrom, mailDir, maxConnections: 4, timeoutMs: 30_000 });
 */
export function createMailChannel(settings: MailChannelSettings): MailChannel {
  return settings.smtpUrl === undefined
    ? createMailDirectory({ mailFrom: settings.mailFrom, mailDir: settings.mailDir })
    : createSmtpMailer({
        smtpUrl: settings.smtpUrl,
        mailFrom: settings.mailFrom,
        maxConnections: settings.maxConnections,
        timeoutMs: settings.timeoutMs,
      });
}

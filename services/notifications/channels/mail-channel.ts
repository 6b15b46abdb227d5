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
}

/**
 * The SMTP server at `SMTP_URL` (nodemailer, pooled), or without it the development mail folder
 * `MAIL_DIR`, where every email is written as an `.eml` file — so nothing sent in development is
 * lost, and nothing reaches a real inbox.
 *
 * @example
 * const mail = createMailChannel({ smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, mailDir: config.mailDir, maxConnections: 4 });
 */
export function createMailChannel(settings: MailChannelSettings): MailChannel {
  return settings.smtpUrl === undefined
    ? createMailDirectory({ mailFrom: settings.mailFrom, mailDir: settings.mailDir })
    : createSmtpMailer({
        smtpUrl: settings.smtpUrl,
        mailFrom: settings.mailFrom,
        maxConnections: settings.maxConnections,
      });
}

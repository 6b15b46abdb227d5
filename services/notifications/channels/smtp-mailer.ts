import { createTransport } from "nodemailer";
import { DeliveryFailure } from "./delivery-failure.js";
import { type MailChannel, mailHeaders } from "./outgoing-email.js";

/** Longest waits of one SMTP exchange, so a stuck server fails an attempt instead of holding it. */
const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * Emails over SMTP through a nodemailer pool. A refusal the server calls permanent (5xx except
 * 503: an unknown mailbox) fails for good; anything else (4xx, a lost connection, a timeout) is
 * retried by the sender with backoff.
 */
export function createSmtpMailer(settings: {
  readonly smtpUrl: string;
  readonly mailFrom: string;
  readonly maxConnections: number;
}): MailChannel {
  const transport = createTransport({
    url: settings.smtpUrl,
    pool: true,
    maxConnections: settings.maxConnections,
    ...timeouts,
  });
  const url = new URL(settings.smtpUrl);
  return {
    description: `SMTP ${url.protocol}//${url.host}`,
    async send(email) {
      try {
        await transport.sendMail(mailHeaders(email, settings.mailFrom));
      } catch (error) {
        const failure = error as {
          message?: string;
          response?: string;
          responseCode?: number;
          permanent?: boolean;
          code?: string;
        };
        const reply = failure.response ?? failure.message ?? String(error);
        throw new DeliveryFailure(
          failure.responseCode ? `SMTP ${reply}` : `SMTP ${failure.code ?? "error"}: ${reply}`,
          failure.permanent === true,
        );
      }
    },
    close: () => transport.close(),
  };
}

import { mkdir, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Transporter } from "nodemailer";
import { DeliveryFailure } from "./delivery-failure.js";
import { type MailChannel, mailHeaders } from "./outgoing-email.js";

/**
 * The development mail folder: each email is composed by nodemailer exactly as SMTP would carry
 * it and written to `<mailDir>/<notification id>.eml` (open it with any mail client). Writing
 * goes through a temporary file, so a half-written email is never seen; a repeat overwrites the
 * same file. nodemailer is loaded at the first email, not at start (a process that sends none,
 * or runs no Notifications, never pays for it).
 */
export function createMailDirectory(settings: { readonly mailFrom: string; readonly mailDir: string }): MailChannel {
  let composer: Promise<Transporter> | undefined;
  const folder = resolve(settings.mailDir);
  let ready: Promise<unknown> | undefined;
  return {
    description: `the mail folder ${folder} (SMTP_URL is not set)`,
    async send(email) {
      try {
        ready ??= mkdir(folder, { recursive: true });
        await ready;
        composer ??= import("nodemailer").then((nodemailer) =>
          nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }),
        );
        const { message } = await (await composer).sendMail(mailHeaders(email, settings.mailFrom));
        const target = join(folder, `${email.notificationId}.eml`);
        await writeFile(`${target}.tmp`, message as Buffer);
        await rename(`${target}.tmp`, target);
      } catch (error) {
        ready = undefined;
        throw new DeliveryFailure(`mail folder ${folder}: ${(error as Error).message}`);
      }
    },
    close() {
      // Nothing to close before the first email; a failed load left nothing open.
      composer?.then((transport) => transport.close()).catch(() => undefined);
    },
  };
}

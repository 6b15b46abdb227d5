import { SpanKind, trace } from "@opentelemetry/api";
import type { Transporter } from "nodemailer";
import { failSpan } from "../../kit/telemetry/linked-span.js";
import { DeliveryFailure } from "./delivery-failure.js";
import { type MailChannel, mailHeaders, type OutgoingEmail } from "./outgoing-email.js";

/** Longest waits of the steps of one SMTP exchange (each capped by the whole send's timeout). */
const stepTimeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * Emails over SMTP through a nodemailer pool. A refusal the server calls permanent (5xx except
 * 503: an unknown mailbox) fails for good; anything else (4xx, a lost connection, a timeout) is
 * retried by the sender with backoff.
 *
 * One send never takes longer than `timeoutMs` (`EMAIL_TIMEOUT_MS`): connecting, the greeting and
 * each silence are capped on their own, and the whole exchange by an abort signal that closes its
 * connection (a server trickling its replies is caught too). So the sender always records an
 * outcome within its lease. A send that timed out may still have been accepted by the server
 * (the reply came too late); its retry carries the same Message-ID.
 *
 * Each send is a client span (`smtp send`, child of the active send span), ERROR with the failure
 * recorded as its exception when the server refused it or did not answer.
 *
 * nodemailer is loaded and the pool made at the first email, not at start: the pool connects
 * only when sending anyway, and a process that runs no Notifications never pays for the module.
 */
export function createSmtpMailer(settings: {
  readonly smtpUrl: string;
  readonly mailFrom: string;
  readonly maxConnections: number;
  readonly timeoutMs: number;
}): MailChannel {
  const cap = (ms: number) => Math.min(ms, settings.timeoutMs);
  let transport: Promise<Transporter> | undefined;
  const pool = () =>
    (transport ??= import("nodemailer").then((nodemailer) =>
      nodemailer.createTransport({
        url: settings.smtpUrl,
        pool: true,
        maxConnections: settings.maxConnections,
        connectionTimeout: cap(stepTimeouts.connectionTimeout),
        greetingTimeout: cap(stepTimeouts.greetingTimeout),
        socketTimeout: cap(stepTimeouts.socketTimeout),
      }),
    ));
  const url = new URL(settings.smtpUrl);
  const secure = url.protocol === "smtps:";
  const attributes = {
    "server.address": url.hostname,
    "server.port": Number(url.port) || (secure ? 465 : 587),
    "network.protocol.name": "smtp",
  };
  const tracer = trace.getTracer("waybill");
  return {
    description: `SMTP ${url.protocol}//${url.host}`,
    send: (email) =>
      tracer.startActiveSpan(
        "smtp send",
        { kind: SpanKind.CLIENT, attributes: { ...attributes, "waybill.notification.id": email.notificationId } },
        async (span) => {
          try {
            await sendOne(email);
          } catch (error) {
            failSpan(span, error);
            throw error;
          } finally {
            span.end();
          }
        },
      ),
    close() {
      // Nothing to close before the first email; a failed load left nothing open.
      transport?.then((pooled) => pooled.close()).catch(() => undefined);
    },
  };

  /** One email over the pool; throws {@link DeliveryFailure} when it was not accepted. */
  async function sendOne(email: OutgoingEmail): Promise<void> {
    try {
      // Loaded (at the first email) before the clock starts: the timeout is the server's alone.
      const transport = await pool();
      // nodemailer 10 cancels one send by its signal (its types do not declare the option yet).
      const message = { ...mailHeaders(email, settings.mailFrom), signal: AbortSignal.timeout(settings.timeoutMs) };
      await transport.sendMail(message);
    } catch (error) {
      const failure = error as {
        message?: string;
        response?: string;
        responseCode?: number;
        permanent?: boolean;
        code?: string;
      };
      if (failure.code === "EABORT")
        throw new DeliveryFailure(`SMTP timeout: no answer within ${settings.timeoutMs} ms`);
      const reply = failure.response ?? failure.message ?? String(error);
      throw new DeliveryFailure(
        failure.responseCode ? `SMTP ${reply}` : `SMTP ${failure.code ?? "error"}: ${reply}`,
        failure.permanent === true,
      );
    }
  }
}

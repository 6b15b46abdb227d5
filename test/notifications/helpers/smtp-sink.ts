import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** One message as the SMTP server received it. */
export interface ReceivedMail {
  /** RCPT TO addresses. */
  readonly to: readonly string[];
  readonly subject: string;
  readonly messageId: string;
  /** The whole message with quoted-printable decoded, for `toContain` checks. */
  readonly content: string;
}

/** A real SMTP server in this process, keeping what it receives. */
export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for `SMTP_URL`. */
  readonly url: string;
  readonly messages: readonly ReceivedMail[];
  /** Messages to one address. */
  to(address: string): ReceivedMail[];
  /** Refuses the address with an SMTP reply (451 "try later", 550 "no such user") `times` times (default: until cleared with `undefined`). */
  refuseAddress(
    address: string,
    refusal: { readonly code: number; readonly message: string; readonly times?: number } | undefined,
  ): void;
  close(): Promise<void>;
}

function decodeQuotedPrintable(text: string): string {
  const bytes = Buffer.from(
    text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  );
  return bytes.toString("utf8");
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : "";
}

function refusal(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Starts an SMTP server on a free loopback port (no TLS, no authentication). */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const refusedAddresses = new Map<string, { readonly code: number; readonly message: string; times: number }>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refused = refusedAddresses.get(address.address.toLowerCase());
      if (refused && refused.times-- > 0) return callback(refusal(refused.code, refused.message));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        messages.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
          subject: header(raw, "Subject"),
          messageId: header(raw, "Message-ID"),
          content: decodeQuotedPrintable(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((message) => message.to.includes(address.toLowerCase())),
    refuseAddress(address, reply) {
      if (reply)
        refusedAddresses.set(address.toLowerCase(), { ...reply, times: reply.times ?? Number.POSITIVE_INFINITY });
      else refusedAddresses.delete(address.toLowerCase());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

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

/** Replies withheld by {@link SmtpSink.hold}. */
export interface SmtpHold {
  /** The first message held: it was received whole, and its sender waits for the server's answer. */
  readonly received: Promise<ReceivedMail>;
  /** Answers every message held (accepted) and holds no more. */
  release(): void;
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
  /**
   * Withholds the answer to every message to `address` until `release()`: the message is kept (as
   * a server that has it on disk would), but its sender still waits to hear that it was accepted.
   * A sender that stops meanwhile never learns it.
   */
  hold(address: string): SmtpHold;
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
  const holds = new Map<string, { readonly arrived: (mail: ReceivedMail) => void; readonly answers: (() => void)[] }>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    // No reverse DNS of the client: the greeting comes at once, well within short send timeouts.
    disableReverseLookup: true,
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
        const mail = {
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
          subject: header(raw, "Subject"),
          messageId: header(raw, "Message-ID"),
          content: decodeQuotedPrintable(raw),
        };
        messages.push(mail);
        const held = mail.to.map((address) => holds.get(address)).find((hold) => hold !== undefined);
        if (!held) return callback();
        held.answers.push(() => callback());
        held.arrived(mail);
      });
    },
  });
  // A client that vanishes mid-message (a killed sender) is no failure of the server.
  server.on("error", () => undefined);
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
    hold(address) {
      const key = address.toLowerCase();
      let arrived!: (mail: ReceivedMail) => void;
      const received = new Promise<ReceivedMail>((resolve) => {
        arrived = resolve;
      });
      const answers: (() => void)[] = [];
      holds.set(key, { arrived, answers });
      return {
        received,
        release() {
          if (holds.get(key)?.answers === answers) holds.delete(key);
          for (const answer of answers.splice(0)) answer();
        },
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

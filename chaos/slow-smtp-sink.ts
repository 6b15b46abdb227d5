import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** An SMTP server counting every message it accepts by `Message-ID`. */
export interface SlowSmtpSink {
  /** `smtp://127.0.0.1:<port>`, for `SMTP_URL`. */
  readonly url: string;
  /** How many times each `Message-ID` (without angle brackets) was accepted. */
  received(): ReadonlyMap<string, number>;
  close(): Promise<void>;
}

/**
 * Starts an SMTP server on a free loopback port that waits `delayMs` before accepting each
 * message: a slow mail server keeps the sender's window between "accepted" and "recorded as
 * sent" open, so a crash in it shows as a repeated message.
 */
export async function startSlowSmtpSink(delayMs: number): Promise<SlowSmtpSink> {
  const received = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        setTimeout(() => {
          const id = messageIdOf(Buffer.concat(chunks).toString("utf8"));
          received.set(id, (received.get(id) ?? 0) + 1);
          callback();
        }, delayMs);
      });
    },
  });
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The `Message-ID` header of a raw message, without its angle brackets ("" when missing). */
function messageIdOf(raw: string): string {
  const head = (raw.split(/\r?\n\r?\n/, 1)[0] ?? "").replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith("message-id:"));
  return (line?.slice("message-id:".length).trim() ?? "").replace(/^<|>$/g, "");
}

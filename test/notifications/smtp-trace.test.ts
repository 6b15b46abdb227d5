import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { MailChannel } from "../../services/notifications/channels/outgoing-email.js";
import { createSmtpMailer } from "../../services/notifications/channels/smtp-mailer.js";
import { type SmtpSink, startSmtpSink } from "./helpers/smtp-sink.js";

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();

let smtp: SmtpSink;
let mailer: MailChannel;
beforeAll(async () => {
  smtp = await startSmtpSink();
  mailer = createSmtpMailer({
    smtpUrl: smtp.url,
    mailFrom: "waybill@waybill.test",
    maxConnections: 1,
    timeoutMs: 5_000,
  });
});
afterAll(async () => {
  mailer?.close();
  await smtp?.close();
  await provider.shutdown();
});

const email = (to: string) => ({ notificationId: crypto.randomUUID(), to, subject: "Hi", text: "Hello", html: "" });

it("makes each SMTP send a client span, ERROR with the exception when the server refuses", async () => {
  await mailer.send(email("ada@example.com"));
  smtp.refuseAddress("nobody@example.com", { code: 550, message: "no such user", times: 1 });
  await expect(mailer.send(email("nobody@example.com"))).rejects.toThrow(/550/);

  const [sent, refused] = exporter.getFinishedSpans().filter((span) => span.name === "smtp send");
  expect(sent?.kind).toBe(SpanKind.CLIENT);
  expect(sent?.status.code).not.toBe(SpanStatusCode.ERROR);
  expect(sent?.attributes["server.address"]).toBe("127.0.0.1");
  expect(refused?.status.code).toBe(SpanStatusCode.ERROR);
  expect(refused?.events.some((event) => event.name === "exception")).toBe(true);
});

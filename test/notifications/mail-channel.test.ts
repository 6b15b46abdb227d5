import { afterAll, beforeAll, expect, it } from "vitest";
import { createMailChannel, DeliveryFailure } from "../../services/notifications/channels/index.js";
import { type SmtpSink, startSmtpSink } from "./helpers/smtp-sink.js";

let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(() => smtp?.close());

const email = (notificationId: string, to: string) => ({ notificationId, to, subject: "Hi", text: "Hello", html: "" });

it("gives up an SMTP send that outlasts EMAIL_TIMEOUT_MS, and the pool carries on", async () => {
  const mail = createMailChannel({
    smtpUrl: smtp.url,
    mailFrom: "Waybill <no-reply@waybill.test>",
    mailDir: "unused",
    maxConnections: 1,
    timeoutMs: 300,
  });
  try {
    // The server takes the message and never answers.
    const held = smtp.hold("silent@example.test");
    const failure = await mail.send(email(crypto.randomUUID(), "silent@example.test")).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeliveryFailure);
    expect(failure).toMatchObject({ message: "SMTP timeout: no answer within 300 ms", permanent: false });
    expect((await held.received).to).toEqual(["silent@example.test"]);
    held.release();

    // The stalled connection was closed; the next email goes through a new one.
    const id = crypto.randomUUID();
    await mail.send(email(id, "after@example.test"));
    expect(smtp.to("after@example.test").map((message) => message.messageId)).toEqual([`<${id}@waybill>`]);
  } finally {
    mail.close();
  }
});

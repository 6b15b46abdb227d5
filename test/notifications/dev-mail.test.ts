import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { NotificationStatus } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type NotificationsHarness, startNotificationsHarness } from "./helpers/notifications-harness.js";

let n: NotificationsHarness;

beforeAll(async () => {
  // Without SMTP_URL, mail goes to the environment's own MAIL_DIR (removed with it).
  n = await startNotificationsHarness({ smtp: false });
});
afterAll(() => n?.stop());

it("writes every email to MAIL_DIR as an .eml file when SMTP_URL is not set", async () => {
  const customer = await n.customer();
  const [welcome, ...more] = await n.settledNotifications();
  expect(more).toEqual([]);
  expect(welcome).toMatchObject({ customerId: customer.id, status: NotificationStatus.SENT, attempts: 1 });

  // A notification is SENT once its file is written.
  const files = await readdir(n.env.mailDir);
  expect(files).toEqual([`${welcome!.notificationId}.eml`]);
  const message = await readFile(join(n.env.mailDir, files[0]!), "utf8");
  expect(message).toContain(`To: ${welcome!.recipient}`);
  expect(message).toMatch(/^Subject: Welcome to Waybill, Customer \d+$/m);
  expect(message).toContain(`Message-ID: <${welcome!.notificationId}@waybill>`);
  expect(message).toContain("Content-Type: text/html");
  expect(n.smtp.messages).toEqual([]);
});

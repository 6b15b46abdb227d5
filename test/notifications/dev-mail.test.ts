import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NotificationStatus } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { waitFor } from "../orders/orders-harness.js";
import { type NotificationsHarness, startNotificationsHarness } from "./helpers/notifications-harness.js";

let n: NotificationsHarness;
let mailDir: string;

beforeAll(async () => {
  mailDir = await mkdtemp(join(tmpdir(), "waybill-mail-"));
  n = await startNotificationsHarness({ smtp: false, env: { MAIL_DIR: mailDir } });
});
afterAll(async () => {
  await n?.stop();
  await rm(mailDir, { recursive: true, force: true });
});

it("writes every email to MAIL_DIR as an .eml file when SMTP_URL is not set", async () => {
  const customer = await n.h.customer();
  const [welcome] = await n.waitNotifications(
    { customerId: customer.id },
    (list) => list[0]?.status === NotificationStatus.SENT,
  );
  expect(welcome).toMatchObject({ status: NotificationStatus.SENT, attempts: 1 });

  const files = await waitFor(
    () => readdir(mailDir),
    (names) => names.length > 0,
  );
  expect(files).toEqual([`${welcome!.notificationId}.eml`]);
  const message = await readFile(join(mailDir, files[0]!), "utf8");
  expect(message).toContain(`To: ${welcome!.recipient}`);
  expect(message).toMatch(/^Subject: Welcome to Waybill, Customer \d+$/m);
  expect(message).toContain(`Message-ID: <${welcome!.notificationId}@waybill>`);
  expect(message).toContain("Content-Type: text/html");
  expect(n.smtp.messages).toEqual([]);
});

import { create } from "@bufbuild/protobuf";
import { type Notification, NotificationStatus } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { CustomerCreatedSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import type { Waybill } from "@waybill/sdk";
import { createWaybill } from "@waybill/sdk/node";
import pg from "pg";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createTokenIssuer } from "../../services/kit/auth/index.js";
import { databaseNameOf, withDatabase } from "../../services/kit/database/index.js";
import type { NotificationsDatabase } from "../../services/notifications/storage/index.js";
import {
  createEventPublisher,
  createIsolatedEnvironment,
  type EventPublisher,
  type IsolatedEnvironment,
  schemaSql,
  spawnWaybill,
  type WaybillProcess,
  waitFor,
  waitUntil,
} from "../support/index.js";
import { testAuthSecret } from "../support/test-waybill.js";
import { type SmtpSink, startSmtpSink } from "./helpers/smtp-sink.js";

/**
 * Notifications as real processes, stopped or cut off from PostgreSQL while the mail server holds
 * an email it has received but not yet acknowledged.
 */

let env: IsolatedEnvironment;
let smtp: SmtpSink;
let publisher: EventPublisher;
const processes: WaybillProcess[] = [];

beforeAll(async () => {
  env = await createIsolatedEnvironment();
  smtp = await startSmtpSink();
  publisher = await createEventPublisher(env);
});
afterEach(async () => {
  for (const process of processes.splice(0)) await process.kill("SIGTERM");
});
afterAll(async () => {
  await publisher?.close();
  await smtp?.close();
  await env?.cleanup();
});

/** Starts Notifications alone as its own process: quick polling, a 3 s send timeout, a 4 s lease. */
async function start(): Promise<{ process: WaybillProcess; admin: Waybill }> {
  const process = await spawnWaybill(env, {
    SERVICES: "notifications",
    AUTH_SECRET: testAuthSecret,
    SMTP_URL: smtp.url,
    NOTIFY_POLL_MS: "20",
    NOTIFY_RETRY_BASE_MS: "100",
    EMAIL_MAX_ATTEMPTS: "3",
    EMAIL_TIMEOUT_MS: "3000",
    WEBHOOK_TIMEOUT_MS: "1000",
    NOTIFY_LEASE_MS: "4000",
  });
  processes.push(process);
  const token = await createTokenIssuer(testAuthSecret).sign({ subject: "interruptions-test", role: "admin" });
  return { process, admin: createWaybill({ baseUrl: process.url, token }) };
}

/** Publishes Orders' CustomerCreated for a new customer at `email` (a welcome email); returns the customer id. */
async function newCustomer(email: string): Promise<string> {
  const customerId = crypto.randomUUID();
  const payload = create(CustomerCreatedSchema, { customer: { customerId, name: "Ada", email } });
  await publisher.publish("orders", CustomerCreatedSchema, payload, { tenant: "", aggregateId: customerId });
  return customerId;
}

/** The customer's notifications once one of them is SENT (20 s at most: a lease runs out in between). */
const sentTo = (admin: Waybill, customerId: string) =>
  waitUntil(
    async () => (await admin.notifications.listNotifications({ customerId })).notifications,
    (list: Notification[]) => list.some((item) => item.status === NotificationStatus.SENT),
    `the welcome email of ${customerId} to be sent`,
    20_000,
  );

/** Runs `query` on the server's maintenance database (not one of the process's connections). */
async function onServer<T>(query: string, values: readonly unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: withDatabase(env.databaseUrl, "postgres") });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return (await client.query(query, [...values])).rows as T[];
  } finally {
    await client.end();
  }
}

it("sends an email again, with the same Message-ID, after its process was killed mid-send, and counts both attempts", async () => {
  const address = "killed-mid-send@example.test";
  const held = smtp.hold(address);
  const first = await start();
  const customerId = await newCustomer(address);

  // The mail server has the whole message; before it answers, the sending process dies.
  const received = await held.received;
  await first.process.kill("SIGKILL");
  held.release();
  const sql = schemaSql<NotificationsDatabase>(env.databaseUrl, "notifications");
  try {
    // The attempt was counted when it began, and the notification is leased to the dead process.
    const row = await sql
      .selectFrom("notifications")
      .selectAll()
      .where("customer_id", "=", customerId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.claim_token).not.toBeNull();
    expect(received.messageId).toBe(`<${row.notification_id}@waybill>`);
  } finally {
    await sql.destroy();
  }

  // Another process sends it once the lease has run out.
  const second = await start();
  const [welcome, ...more] = await sentTo(second.admin, customerId);
  expect(more).toEqual([]);
  expect(welcome).toMatchObject({
    status: NotificationStatus.SENT,
    attempts: 2,
    lastError: "attempt 1 was interrupted before its outcome was recorded",
  });
  const got = await second.admin.notifications.getNotification({ notificationId: welcome!.notificationId });
  expect(got.notification).toEqual(welcome);
  const copies = smtp.to(address);
  expect(copies.map((mail) => mail.messageId)).toEqual([received.messageId, received.messageId]);
}, 90_000);

it("survives losing every database connection mid-send, and the email ends SENT with every delivery counted", async () => {
  const address = "terminated-mid-send@example.test";
  const held = smtp.hold(address);
  const { process, admin } = await start();
  const customerId = await newCustomer(address);
  await held.received;

  // Sending holds no transaction open. A transaction held for the send would have begun before
  // the mail server got the message and stay open until it answers; other work's transactions
  // are short, so every one that began before that moment ends while the answer is still held.
  const database = databaseNameOf(env.databaseUrl);
  const [received] = await onServer<{ at: Date }>("select clock_timestamp() as at", []);
  const heldOpen = await waitFor(
    () =>
      onServer<{ query: string }>(
        "select query from pg_stat_activity where datname = $1 and backend_type = 'client backend' and xact_start < $2",
        [database, received!.at],
      ),
    (open) => open.length === 0,
  );
  expect(heldOpen).toEqual([]);
  // Every connection of the process is dropped by the server before the mail server answers.
  const terminated = await onServer<{ gone: boolean }>(
    "select pg_terminate_backend(pid) as gone from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
    [database],
  );
  expect(terminated.filter((session) => session.gone).length).toBeGreaterThan(0);
  held.release();

  const [welcome] = await sentTo(admin, customerId);
  expect(welcome?.status).toBe(NotificationStatus.SENT);
  // At most a retry: the outcome is recorded over a new connection, or the attempt counts as interrupted.
  expect(welcome!.attempts).toBeLessThanOrEqual(2);
  expect(smtp.to(address)).toHaveLength(welcome!.attempts);
  expect(process.output()).not.toMatch(/Unhandled 'error' event|uncaught/i);
}, 60_000);

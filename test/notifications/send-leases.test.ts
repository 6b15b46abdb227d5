import { setTimeout as sleep } from "node:timers/promises";
import { createRegistry } from "@bufbuild/protobuf";
import type { Kysely } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDatabase, withDatabase } from "../../services/kit/database/index.js";
import { createOutbox } from "../../services/kit/events/index.js";
import { createWebhookChannel } from "../../services/notifications/channels/index.js";
import { derivedSecretKeys } from "../../services/notifications/domain/index.js";
import { notificationsService } from "../../services/notifications/index.js";
import {
  type Deliver,
  deliverNext,
  loadEmailTemplates,
  type NotificationsContext,
} from "../../services/notifications/operations/index.js";
import {
  findNotification,
  insertNotifications,
  type NotificationRow,
  type NotificationsDatabase,
} from "../../services/notifications/storage/index.js";
import { createIsolatedEnvironment, createTestLogger, type IsolatedEnvironment } from "../support/index.js";
import { startTestWaybill } from "../support/test-waybill.js";

/**
 * The senders' claim, send and record, driven directly (no SMTP, no worker loop) by two "replicas"
 * with their own connection pools and clocks, on a database that Notifications migrated.
 */

const leaseMs = 5_000;
const start = new Date("2031-05-01T08:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);

let env: IsolatedEnvironment;
const databases: Kysely<unknown>[] = [];

beforeAll(async () => {
  env = await createIsolatedEnvironment();
  // Start and stop Notifications once: its schema is migrated and no sender of its own runs.
  const waybill = await startTestWaybill({ definitions: [notificationsService], sharing: env });
  await waybill.stop();
});
afterAll(async () => {
  await Promise.all(databases.map((db) => db.destroy()));
  await env?.cleanup();
});

/** A sender's context: its own pool (`application_name` = `name`), clock and retry policy. */
function senderContext(
  name: string,
  now: () => Date,
  retry: { readonly baseMs: number; readonly maxAttempts: number } = { baseMs: 100, maxAttempts: 3 },
): NotificationsContext {
  const url = new URL(env.databaseUrl);
  url.searchParams.set("application_name", name);
  const database = createDatabase<unknown>({ url: url.toString(), logger: createTestLogger() });
  databases.push(database);
  const policy = { ...retry, maxMs: 3_600_000 };
  return {
    db: database.withSchema("notifications") as unknown as Kysely<NotificationsDatabase>,
    outbox: createOutbox({ schema: "notifications", prefix: env.prefix, domain: "notifications", now }),
    registry: createRegistry(),
    templates: loadEmailTemplates(),
    settings: {
      adminEmail: undefined,
      emailMaxEventAgeMs: 86_400_000,
      retry: { email: policy, webhook: policy },
      webhookTimeoutMs: 1_000,
      leaseMs,
      webhookSecretKeys: derivedSecretKeys("unused here"),
    },
    lookupCustomer: async () => undefined,
    // Unused here: the tests deliver through their own functions.
    webhooks: createWebhookChannel({ allowList: [], httpsOnly: false }),
    now,
    random: () => 0.5,
    logger: createTestLogger(),
  };
}

/** Stores `count` emails due at `due` and returns their ids. */
async function dueEmails(ctx: NotificationsContext, count: number, due: Date): Promise<string[]> {
  const rows = await insertNotifications(
    ctx.db,
    Array.from({ length: count }, (_, i) => ({
      notification_id: crypto.randomUUID(),
      event_id: crypto.randomUUID(),
      event_type: "waybill.orders.v1.CustomerCreated",
      channel: "email" as const,
      recipient: `lease-${i}@example.test`,
      brand_id: "",
      customer_id: "",
      webhook_id: null,
      template: "welcome" as const,
      subject: "Welcome",
      body: "Hello",
      status: "pending" as const,
      next_attempt_at: due,
      created_at: due,
      updated_at: due,
    })),
  );
  return rows.map((row) => row.notification_id);
}

const read = async (ctx: NotificationsContext, id: string) => (await findNotification(ctx.db, id))!;

/** The types of the events written about one notification, in order. */
async function eventsAbout(ctx: NotificationsContext, id: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom("outbox")
    .select("event_type")
    .where("aggregate_id", "=", id)
    .orderBy("seq")
    .execute();
  return rows.map((row) => row.event_type.replace("waybill.notifications.v1.", ""));
}

/** A send that waits until `finish()`; `started` resolves with the row once it has begun. */
function pendingSend() {
  let begun!: (row: NotificationRow) => void;
  let finish!: () => void;
  const started = new Promise<NotificationRow>((resolve) => {
    begun = resolve;
  });
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const deliver: Deliver = async (row) => {
    begun(row);
    await finished;
  };
  return { deliver, started, finish };
}

it("never has two senders attempt one notification at once, and each attempt is counted once", async () => {
  const now = () => start;
  const replicas = [senderContext("sender-a", now), senderContext("sender-b", now)];
  const ids = await dueEmails(replicas[0]!, 40, start);
  const inFlight = new Set<string>();
  const overlaps: string[] = [];
  const sends = new Map<string, number>();
  const deliver: Deliver = async (row) => {
    if (inFlight.has(row.notification_id)) overlaps.push(row.notification_id);
    inFlight.add(row.notification_id);
    sends.set(row.notification_id, (sends.get(row.notification_id) ?? 0) + 1);
    // A send takes a while; the other lanes and the other replica claim meanwhile.
    await sleep(Math.random() * 10);
    inFlight.delete(row.notification_id);
  };
  const lane = async (ctx: NotificationsContext) => {
    while (await deliverNext(ctx, "email", deliver));
  };
  await Promise.all(replicas.flatMap((ctx) => [lane(ctx), lane(ctx), lane(ctx), lane(ctx)]));

  expect(overlaps).toEqual([]);
  expect([...sends.keys()].sort()).toEqual([...ids].sort());
  expect([...sends.values()].every((count) => count === 1)).toBe(true);
  for (const id of ids) {
    expect(await read(replicas[0]!, id)).toMatchObject({ status: "sent", attempts: 1, claim_token: null });
  }
});

it("counts an attempt whose sender stopped, retries it when the lease runs out, and drops the late outcome", async () => {
  let time = start;
  const now = () => time;
  const frozen = senderContext("frozen", now);
  const other = senderContext("other", now);
  const [id] = await dueEmails(frozen, 1, start);

  // The first replica claims and begins to send, then stops answering (a crash or a freeze).
  const stuck = pendingSend();
  const firstAttempt = deliverNext(frozen, "email", stuck.deliver);
  await stuck.started;
  expect(await read(other, id!)).toMatchObject({
    status: "pending",
    attempts: 1,
    last_attempt_at: start,
    next_attempt_at: at(leaseMs),
  });

  // While the lease holds, no other sender takes it.
  const sent: string[] = [];
  const deliver: Deliver = async (row) => void sent.push(row.notification_id);
  time = at(leaseMs - 1);
  expect(await deliverNext(other, "email", deliver)).toBeUndefined();

  // Once it has run out, the other replica attempts it again; the interrupted attempt shows.
  time = at(leaseMs);
  const retried = await deliverNext(other, "email", deliver);
  expect(sent).toEqual([id]);
  expect(retried).toMatchObject({
    status: "sent",
    attempts: 2,
    last_error: "attempt 1 was interrupted before its outcome was recorded",
    last_attempt_at: at(leaseMs),
    claim_token: null,
  });
  expect(await eventsAbout(other, id!)).toEqual(["NotificationFailed", "NotificationSent"]);

  // The first replica wakes and finishes its send: its lease is gone, so it records nothing.
  stuck.finish();
  await firstAttempt;
  expect(await read(other, id!)).toEqual(retried);
  expect(await eventsAbout(other, id!)).toEqual(["NotificationFailed", "NotificationSent"]);
});

it("keeps to the retry schedule with interrupted attempts counted, and gives up when the last one is interrupted", async () => {
  let time = start;
  const now = () => time;
  // Two attempts at most; a retry after the first failure waits 45 s (half of 60 s plus half of the jitter).
  const ctx = senderContext("crashing", now, { baseMs: 60_000, maxAttempts: 2 });
  const [id] = await dueEmails(ctx, 1, start);
  /** Claims and begins an attempt that never ends (its process is gone). */
  const interruptedAttempt = async () => {
    const send = pendingSend();
    void deliverNext(ctx, "email", send.deliver);
    await send.started;
  };

  await interruptedAttempt();
  // Counted, and held for the retry delay, which is longer than the lease.
  expect(await read(ctx, id!)).toMatchObject({ attempts: 1, next_attempt_at: at(45_000) });
  time = at(leaseMs);
  expect(await deliverNext(ctx, "email", pendingSend().deliver)).toBeUndefined();

  time = at(45_000);
  await interruptedAttempt();
  expect(await read(ctx, id!)).toMatchObject({
    attempts: 2,
    status: "retrying",
    last_error: "attempt 1 was interrupted before its outcome was recorded",
    // The last attempt is held for the lease alone.
    next_attempt_at: at(45_000 + leaseMs),
  });

  time = at(45_000 + leaseMs);
  const attempted: string[] = [];
  const dead = await deliverNext(ctx, "email", async (row) => void attempted.push(row.notification_id));
  expect(attempted).toEqual([]);
  expect(dead).toMatchObject({
    status: "dead",
    attempts: 2,
    last_error: "attempt 2 was interrupted before its outcome was recorded",
    next_attempt_at: null,
    claim_token: null,
  });
  expect(await eventsAbout(ctx, id!)).toEqual(["NotificationFailed", "NotificationFailed", "NotificationDead"]);
});

it("records the outcome after the sender's connections were terminated between claim and record", async () => {
  const now = () => start;
  const ctx = senderContext("terminated", now);
  const [id] = await dueEmails(ctx, 1, start);
  const admin = new pg.Client({ connectionString: withDatabase(env.databaseUrl, "postgres") });
  admin.on("error", () => undefined);
  await admin.connect();
  try {
    let terminated = 0;
    const result = await deliverNext(ctx, "email", async () => {
      // Mid-send: every connection of this sender's pool is dropped by the server.
      const { rows } = await admin.query(
        "select pg_terminate_backend(pid) as gone from pg_stat_activity where datname = $1 and application_name = $2",
        [new URL(env.databaseUrl).pathname.slice(1), "terminated"],
      );
      terminated = rows.filter((row: { gone: boolean }) => row.gone).length;
    });
    expect(terminated).toBeGreaterThan(0);
    expect(result).toMatchObject({ notification_id: id, status: "sent", attempts: 1, claim_token: null });
    expect(await read(ctx, id!)).toMatchObject({ status: "sent", attempts: 1 });
  } finally {
    await admin.end();
  }
});

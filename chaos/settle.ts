import { setTimeout as sleep } from "node:timers/promises";
import type { JetStreamManager } from "@nats-io/jetstream";
import type { ChaosDatabase } from "./chaos-database.js";
import type { ReplicaSet } from "./replica-set.js";

/** How waiting for the system to settle ended. */
export interface Settling {
  readonly settled: boolean;
  readonly seconds: number;
  /** What still was not done at the last look ([] when settled). */
  readonly waiting: readonly string[];
}

/** The schemas that hold an outbox (one per service). */
export async function outboxSchemas(db: ChaosDatabase): Promise<string[]> {
  const rows = await db.rows<{ schema: string }>(
    "select table_schema as schema from information_schema.tables where table_name = 'outbox' order by 1",
  );
  return rows.map((row) => row.schema);
}

/** What keeps the system from being settled now: unpublished rows, busy consumers, open emails, replicas down. */
async function stillWaiting(db: ChaosDatabase, jsm: JetStreamManager, prefix: string, replicas: ReplicaSet) {
  const waiting: string[] = [];
  for (const schema of await outboxSchemas(db)) {
    const [row] = await db.rows<{ unpublished: number }>(
      `select count(*)::int as unpublished from ${schema}.outbox where published_at is null`,
    );
    if ((row?.unpublished ?? 0) > 0) waiting.push(`${schema}.outbox: ${row?.unpublished} unpublished`);
  }
  const streamPrefix = `${prefix.toUpperCase()}_`;
  for await (const stream of jsm.streams.names()) {
    if (!stream.startsWith(streamPrefix)) continue;
    for await (const consumer of jsm.consumers.list(stream)) {
      if (!consumer.config.durable_name) continue;
      if (consumer.num_pending > 0 || consumer.num_ack_pending > 0)
        waiting.push(`${consumer.name}: ${consumer.num_pending} pending, ${consumer.num_ack_pending} unacknowledged`);
    }
  }
  const [open] = await db.rows<{ open: number }>(
    "select count(*)::int as open from notifications.notifications where status in ('pending', 'retrying')",
  );
  if ((open?.open ?? 0) > 0) waiting.push(`notifications: ${open?.open} pending or retrying`);
  for (const replica of await replicas.health())
    if (!replica.running || replica.serving !== "SERVING")
      waiting.push(`replica ${replica.replica}: ${replica.running ? replica.serving : "not running"}`);
  return waiting;
}

/**
 * Waits until everything the load set going is done: every outbox published, every durable
 * consumer of the prefix's streams caught up (nothing pending, nothing unacknowledged), no email
 * waiting to be sent, every replica SERVING — seen twice in a row, a second apart — or until
 * `timeoutMs`. A look that fails (a server still coming back) counts as not settled. `onWaiting`
 * hears what is still awaited whenever that changes.
 */
export async function waitUntilSettled(
  db: ChaosDatabase,
  jsm: JetStreamManager,
  prefix: string,
  replicas: ReplicaSet,
  timeoutMs: number,
  onWaiting: (waiting: readonly string[]) => void = () => undefined,
): Promise<Settling> {
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  let calm = 0;
  let waiting: readonly string[] = ["not looked yet"];
  let told = "";
  while (performance.now() - started < timeoutMs) {
    waiting = await stillWaiting(db, jsm, prefix, replicas).catch((error: unknown) => [
      `looking failed: ${String(error)}`,
    ]);
    if (waiting.join("; ") !== told) {
      told = waiting.join("; ");
      onWaiting(waiting);
    }
    calm = waiting.length === 0 ? calm + 1 : 0;
    if (calm >= 2) return { settled: true, seconds: seconds(), waiting: [] };
    await sleep(1_000);
  }
  return { settled: false, seconds: seconds(), waiting };
}

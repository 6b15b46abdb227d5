import type { JetStreamClient } from "@nats-io/jetstream";
import type { Tracer } from "@opentelemetry/api";
import { trace } from "@opentelemetry/api";
import type { Selectable } from "kysely";
import { sql } from "kysely";
import { type AnyDatabase, assertSchemaName } from "../database/index.js";
import type { Logger } from "../logging/logger.js";
import type { OutboxTable } from "./event-tables.js";
import { eventTables } from "./event-tables.js";
import { outboxChannel } from "./naming.js";
import { createNotificationListener } from "./notification-listener.js";
import { publishOutboxRow } from "./publish-outbox-row.js";
import { createWakeSignal } from "./wake-signal.js";

/** Options of {@link createOutboxRelay}. */
export interface OutboxRelayOptions {
  readonly db: AnyDatabase;
  /** URL for the relay's dedicated LISTEN connection. */
  readonly databaseUrl: string;
  readonly js: JetStreamClient;
  readonly schema: string;
  readonly logger: Logger;
  /** Rows per batch (default 100). */
  readonly batchSize?: number;
  /** Safety poll for missed notifications (default 1500 ms). */
  readonly pollIntervalMs?: number;
  /**
   * How long published rows are kept before the relay deletes them (default one hour, well past
   * the stream's duplicate window); the streams, not the outbox, are the record to replay.
   */
  readonly retentionMs?: number;
  /** Tracer for publish spans (default: the global provider's). */
  readonly tracer?: Tracer;
  /**
   * Test hook run after each successful publish, before the batch is marked. Throwing from it
   * rolls the batch back with its messages already in JetStream: a relay killed mid-batch.
   */
  readonly afterPublish?: (eventId: string) => void | Promise<void>;
}

/** Counters of a relay since it was created. */
export interface OutboxRelayStats {
  readonly published: number;
  /** Publishes JetStream dropped as repeats of an id it had already stored. */
  readonly duplicates: number;
}

/** Moves committed outbox rows to JetStream. */
export interface OutboxRelay {
  start(): Promise<void>;
  /** Stops after the in-flight batch has been published and marked (or rolled back). */
  stop(): Promise<void>;
  stats(): OutboxRelayStats;
}

/**
 * Creates the relay of one service schema. It wakes on the outbox's NOTIFY (sent on commit) and
 * polls slowly as a safety net. Each batch locks unpublished rows in `seq` order with
 * `FOR UPDATE SKIP LOCKED` (so several replicas share the work), publishes them with the event
 * id as `Nats-Msg-Id`, and marks them published in the same transaction. A crash between
 * publish and commit republishes the same ids, which the stream's duplicate window drops.
 * Within a batch, publishes are pipelined: they reach the stream in `seq` order unless one is
 * retried. Ordering across replicas is not guaranteed, so consumers must not depend on it.
 *
 * @example
 * const relay = createOutboxRelay({ db, databaseUrl, js, schema: "inventory", logger });
 * await relay.start();
 * // on shutdown
 * await relay.stop();
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, js, schema } = options;
  assertSchemaName(schema);
  const logger = options.logger.child({ component: "outbox-relay", schema });
  const batchSize = options.batchSize ?? 100;
  const pollIntervalMs = options.pollIntervalMs ?? 1_500;
  const tracer = options.tracer ?? trace.getTracer("waybill-events");
  const signal = createWakeSignal();
  const listener = createNotificationListener({
    databaseUrl: options.databaseUrl,
    channel: outboxChannel(schema),
    logger,
    onNotify: () => signal.wake(),
  });
  const retentionMs = options.retentionMs ?? 3_600_000;
  const counters = { published: 0, duplicates: 0 };
  let lastPurge = 0;
  let running = false;
  let loop: Promise<void> | undefined;

  async function publishRow(row: Selectable<OutboxTable>): Promise<void> {
    const ack = await publishOutboxRow(row, { js, tracer, logger, keepTrying: () => running });
    counters.published++;
    if (ack.duplicate) counters.duplicates++;
    await options.afterPublish?.(row.id);
  }

  async function relayBatch(): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const rows = await eventTables(trx, schema)
        .selectFrom("outbox")
        .select([
          "id",
          "seq",
          "subject",
          "event_type",
          "aggregate_id",
          "payload",
          "headers",
          "created_at",
          "published_at",
        ])
        .where("published_at", "is", null)
        .orderBy("seq")
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return 0;
      const results = await Promise.allSettled(rows.map(publishRow));
      const failure = results.find((result) => result.status === "rejected");
      if (failure !== undefined) throw failure.reason;
      await eventTables(trx, schema)
        .updateTable("outbox")
        .set({ published_at: sql<Date>`now()` })
        .where(
          "id",
          "in",
          rows.map((row) => row.id),
        )
        .execute();
      return rows.length;
    });
  }

  /** Deletes published rows past retention, at most once per retention tenth (and per minute). */
  async function purgePublished(): Promise<void> {
    if (Date.now() - lastPurge < Math.min(retentionMs / 10, 60_000)) return;
    lastPurge = Date.now();
    await eventTables(db, schema)
      .deleteFrom("outbox")
      .where("published_at", "<", sql<Date>`now() - make_interval(secs => ${retentionMs / 1000})`)
      .execute();
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        // A full batch means more is probably waiting: go again without sleeping.
        if ((await relayBatch()) === batchSize) continue;
        await purgePublished();
      } catch (error) {
        logger.error({ err: error }, "outbox batch failed; it will be retried");
      }
      if (running) await signal.wait(pollIntervalMs);
    }
  }

  return {
    async start() {
      if (running) return;
      await listener.start();
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      signal.wake();
      await loop;
      loop = undefined;
      await listener.stop();
    },
    stats: () => ({ ...counters }),
  };
}

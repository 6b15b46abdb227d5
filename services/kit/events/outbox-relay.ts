import { randomUUID } from "node:crypto";
import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import type { Meter, Tracer } from "@opentelemetry/api";
import { trace } from "@opentelemetry/api";
import { sql } from "kysely";
import { type AnyDatabase, assertSchemaName } from "../database/index.js";
import type { Logger } from "../logging/logger.js";
import { createEventMetrics } from "./event-metrics.js";
import { eventTables } from "./event-tables.js";
import { findStoredEventIds } from "./find-stored-event-ids.js";
import { outboxChannel } from "./naming.js";
import { createNotificationListener } from "./notification-listener.js";
import { observeOutbox } from "./observe-outbox.js";
import { type ClaimedOutboxRow, claimOutboxRows, markOutboxRowsPublished, releaseOutboxRows } from "./outbox-claims.js";
import { setRelayWaiting } from "./outbox-wakeup.js";
import { publishOutboxRow } from "./publish-outbox-row.js";
import { createWakeSignal } from "./wake-signal.js";

/**
 * How far before a row's first attempt the stream is searched: PostgreSQL's clock (which dates
 * the attempt) and the NATS server's (which dates the messages) may disagree by this much.
 */
const clockSkewMarginMs = 30_000;

/** Pauses of the looks a relay takes right after it went idle, before it sleeps until woken. */
const idleFollowUpsMs = [20, 100] as const;

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
   * How long a busy relay waits between batches that were not full (default 5 ms): it gathers
   * what is written meanwhile into one batch, and no writer has to NOTIFY it.
   */
  readonly lingerMs?: number;
  /**
   * How long a batch's claim on its rows lasts (`EVENT_RELAY_LEASE_MS`, default 5 s): a relay
   * that stalls longer loses the rows to another relay, and publishes none of them after that.
   * At most a quarter of `duplicateWindowMs`.
   */
  readonly leaseMs?: number;
  /**
   * The duplicate window of the streams the relay publishes to (`EVENT_DUPLICATE_WINDOW_MS`,
   * default 2 minutes). A row first attempted longer ago than the window minus two leases is
   * looked for in the stream before it is published again.
   */
  readonly duplicateWindowMs?: number;
  /**
   * How long published rows are kept before the relay deletes them (default one hour, well past
   * the stream's duplicate window); the streams, not the outbox, are the record to replay.
   */
  readonly retentionMs?: number;
  /** Tracer for publish spans (default: the global provider's). */
  readonly tracer?: Tracer;
  /**
   * Where its metrics go (default: the global provider's `waybill` meter, a no-op without an SDK):
   * publish durations, and the schema's outbox backlog, reported from creation until `stop()`
   * (again after a restart), so a backlog shows whether or not this relay is running.
   */
  readonly meter?: Meter;
  /**
   * Test hook run once the batch is claimed, before anything is published (a relay stalling
   * there publishes nothing once its lease has passed). Throwing from it abandons the batch
   * without giving its rows back: a relay killed after claiming.
   */
  readonly afterClaim?: (eventIds: readonly string[]) => void | Promise<void>;
  /**
   * Test hook run after the lease was checked, immediately before a row is sent: a relay frozen
   * there sends the row late, after another relay may have taken the row over.
   */
  readonly beforePublish?: (eventId: string) => void | Promise<void>;
  /**
   * Test hook run after each successful publish, before the batch is marked. Throwing from it
   * abandons the batch with its messages already in JetStream, unmarked and still claimed: a
   * relay killed mid-batch.
   */
  readonly afterPublish?: (eventId: string) => void | Promise<void>;
}

/** Counters of a relay since it was created. */
export interface OutboxRelayStats {
  readonly published: number;
  /** Publishes JetStream dropped as repeats of an id it had already stored. */
  readonly duplicates: number;
  /** Rows in doubt found already in the stream, and marked without publishing them again. */
  readonly recovered: number;
}

/** Moves committed outbox rows to JetStream. */
export interface OutboxRelay {
  start(): Promise<void>;
  /** Stops after the in-flight batch: what it published is marked, the rest given back. */
  stop(): Promise<void>;
  stats(): OutboxRelayStats;
}

/**
 * Creates the relay of one service schema. It wakes on the outbox's NOTIFY (sent on commit) and
 * polls slowly as a safety net. No transaction, hence no connection, stays open while it talks
 * to NATS; each batch:
 *
 * 1. claims unpublished rows in `seq` order whose lease is absent or over, in one statement
 *    (`SKIP LOCKED`, so replicas share the work): a lease of `leaseMs` on the database clock and
 *    a token of its own;
 * 2. publishes them, pipelined, with the event id as `Nats-Msg-Id`, and only while its lease
 *    holds (measured from before the claim, so never longer than the database's lease);
 * 3. marks published, in another statement, the rows that still carry its token, and gives back
 *    those whose publish failed.
 *
 * A crash or a lost connection between 1 and 3 leaves rows claimed until the lease passes; the
 * next relay republishes them and the stream's duplicate window drops the repeats. A row whose
 * first attempt is older than the window minus two leases may already be in the stream beyond
 * the window's reach: it is first looked for there (see {@link findStoredEventIds}) and marked
 * if found. Ordering across batches and replicas is not guaranteed; consumers must not depend on it.
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
  const lingerMs = options.lingerMs ?? 5;
  const leaseMs = options.leaseMs ?? 5_000;
  const duplicateWindowMs = options.duplicateWindowMs ?? 120_000;
  if (leaseMs <= 0 || leaseMs * 4 > duplicateWindowMs) {
    throw new Error(
      `relay lease ${leaseMs} ms must be above 0 and at most a quarter of the duplicate window (${duplicateWindowMs} ms)`,
    );
  }
  const inDoubtAfterMs = duplicateWindowMs - 2 * leaseMs;
  const tracer = options.tracer ?? trace.getTracer("waybill-events");
  const meter = options.meter ? { meter: options.meter } : {};
  const metrics = createEventMetrics(options.meter);
  const observeBacklog = () => observeOutbox({ db, schema, logger, ...meter });
  let stopObservingBacklog: (() => Promise<void>) | undefined = observeBacklog();
  const signal = createWakeSignal();
  const listener = createNotificationListener({
    databaseUrl: options.databaseUrl,
    channel: outboxChannel(schema),
    logger,
    onNotify: () => signal.wake(),
  });
  const retentionMs = options.retentionMs ?? 3_600_000;
  const counters = { published: 0, duplicates: 0, recovered: 0 };
  const streams = new Map<string, string>();
  let jsm: Promise<JetStreamManager> | undefined;
  let lastPurge = 0;
  let running = false;
  let loop: Promise<void> | undefined;

  /** The stream storing `subject` (cached). */
  async function streamOf(subject: string): Promise<string> {
    const known = streams.get(subject);
    if (known !== undefined) return known;
    jsm ??= js.jetstreamManager();
    const manager = await jsm.catch((error: unknown) => {
      jsm = undefined;
      throw error;
    });
    const stream = await manager.streams.find(subject);
    streams.set(subject, stream);
    return stream;
  }

  /** The ids of `rows` (all in doubt) that are already in their stream. */
  async function findStored(rows: readonly ClaimedOutboxRow[]): Promise<Set<string>> {
    const found = new Set<string>();
    const bySubject = new Map<string, ClaimedOutboxRow[]>();
    for (const row of rows) bySubject.set(row.subject, [...(bySubject.get(row.subject) ?? []), row]);
    for (const [subject, group] of bySubject) {
      const earliest = Math.min(...group.map((row) => row.first_attempt_at.getTime()));
      const ids = await findStoredEventIds(js, {
        stream: await streamOf(subject),
        subject,
        ids: new Set(group.map((row) => row.id)),
        since: new Date(earliest - clockSkewMarginMs),
      });
      for (const id of ids) found.add(id);
    }
    return found;
  }

  /** Claims, publishes and marks one batch; returns how many rows it claimed and settled. */
  async function relayBatch(): Promise<{ readonly claimed: number; readonly settled: number }> {
    const token = randomUUID();
    const { rows, leaseEnds } = await db.connection().execute(async (connection) => {
      // Timed once a connection is at hand (waiting for one must not eat the lease): the database
      // starts the lease after this moment, so it never ends before `leaseEnds`.
      const leaseEnds = Date.now() + leaseMs;
      const rows = await claimOutboxRows(connection, schema, { token, batchSize, leaseMs, inDoubtAfterMs });
      return { rows, leaseEnds };
    });
    if (rows.length === 0) return { claimed: 0, settled: 0 };
    const holdsLease = () => running && Date.now() < leaseEnds;
    // A hook's failure stands for a crash: nothing more is written for this batch.
    await options.afterClaim?.(rows.map((row) => row.id));

    const inStream = new Set<string>();
    let toPublish: readonly ClaimedOutboxRow[] = rows;
    const inDoubt = rows.filter((row) => row.in_doubt);
    if (inDoubt.length > 0) {
      try {
        const found = await findStored(inDoubt);
        for (const id of found) inStream.add(id);
        counters.recovered += found.size;
        logger.info({ inDoubt: inDoubt.length, found: found.size }, "rows in doubt looked for in the stream");
        toPublish = rows.filter((row) => !row.in_doubt || !found.has(row.id));
      } catch (error) {
        // Without knowing what the stream holds, rows in doubt must not be published again.
        logger.warn({ err: error }, "could not search the stream for rows in doubt; they will be retried");
        toPublish = rows.filter((row) => !row.in_doubt);
      }
    }

    let crashed: { readonly error: unknown } | undefined;
    const results = await Promise.allSettled(
      toPublish.map(async (row) => {
        if (!holdsLease()) throw new Error("the relay's lease on the row has passed, or the relay is stopping");
        await options.beforePublish?.(row.id);
        const ack = await publishOutboxRow(row, { js, tracer, logger, metrics, keepTrying: holdsLease });
        counters.published++;
        if (ack.duplicate) counters.duplicates++;
        inStream.add(row.id);
        try {
          await options.afterPublish?.(row.id);
        } catch (error) {
          crashed ??= { error };
        }
      }),
    );
    if (crashed !== undefined) throw crashed.error;
    const failure = results.find((result) => result.status === "rejected");
    if (failure !== undefined) {
      logger.warn({ err: failure.reason }, "publishing part of a batch failed; it will be retried");
    }

    await markOutboxRowsPublished(db, schema, token, [...inStream]);
    const unsettled = rows.filter((row) => !inStream.has(row.id)).map((row) => row.id);
    await releaseOutboxRows(db, schema, token, unsettled);
    return { claimed: rows.length, settled: inStream.size };
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

  /**
   * Busy, the relay polls every `lingerMs` and writers send no NOTIFY; idle, it says so in
   * `outbox_wakeup` (writers then NOTIFY on commit), looks once more, and sleeps until woken or
   * the poll interval passes. A write whose statement ran just before the relay said so, and
   * which commits after its last look, is found by the two short follow-up polls (or the poll).
   */
  async function run(): Promise<void> {
    let waiting = true;
    let followUps = 0;
    while (running) {
      let sleepMs = pollIntervalMs;
      try {
        const { claimed, settled } = await relayBatch();
        if (claimed > 0) {
          if (waiting) {
            await setRelayWaiting(db, schema, false);
            waiting = false;
          }
          followUps = idleFollowUpsMs.length;
          // A full batch that went out means more is probably waiting: go again at once.
          if (claimed === batchSize && settled === claimed) continue;
          sleepMs = lingerMs;
        } else if (!waiting) {
          await setRelayWaiting(db, schema, true);
          waiting = true;
          continue;
        } else if (followUps > 0) {
          sleepMs = idleFollowUpsMs[idleFollowUpsMs.length - followUps--] ?? pollIntervalMs;
        } else {
          await purgePublished();
        }
      } catch (error) {
        logger.error({ err: error }, "outbox batch failed; it will be retried");
      }
      if (running) await signal.wait(sleepMs);
    }
  }

  return {
    async start() {
      if (running) return;
      await listener.start();
      stopObservingBacklog ??= observeBacklog();
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      signal.wake();
      await loop;
      loop = undefined;
      // The relays that stay (other replicas) may be idle: writers must wake them from now on.
      await setRelayWaiting(db, schema, true).catch((error: unknown) =>
        logger.warn({ err: error }, "could not ask writers to wake the remaining relays; they poll instead"),
      );
      await listener.stop();
      await stopObservingBacklog?.();
      stopObservingBacklog = undefined;
    },
    stats: () => ({ ...counters }),
  };
}

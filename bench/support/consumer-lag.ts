import { type Queryable, qualified } from "./bench-database.js";

/** One event handled by one consumer: how long after it was produced, and when it was produced. */
export interface LagSample {
  /** The consumer's name as its inbox records it (also its durable's name). */
  readonly consumer: string;
  /** Consumer's `processed_at` minus producer's `created_at`, in milliseconds. */
  readonly lagMs: number;
  /** Producer's `created_at` minus the window's start, in milliseconds. */
  readonly offsetMs: number;
}

/**
 * The commit → consumer time of every event produced in `[from, to]` and handled by a consumer so
 * far, from the database alone: each schema's `inbox` joined on the event id with the outbox of
 * whichever schema produced it (all services share the bench's database, a schema each).
 *
 * What it measures: `outbox.created_at` and `inbox.processed_at` both default to `now()`, the
 * start of their transactions. So a sample runs from the start of the producer's transaction (which
 * commits a little later) to the start of the consumer's transaction that handled the event (which
 * commits a little later too): it holds the relay's claim and publish, JetStream's delivery, time
 * queued in the consumer and its preparation, and neither transaction's own work. Consumers that
 * acknowledge an event without a transaction (Campaigns for orders without a promo code) write no
 * inbox row and have no sample.
 */
export async function readConsumerLag(
  db: Queryable,
  schemas: readonly string[],
  from: Date,
  to: Date,
): Promise<LagSample[]> {
  if (schemas.length === 0) return [];
  const produced = schemas
    .map((schema) => `select id, created_at from ${qualified(schema, "outbox")} where created_at between $1 and $2`)
    .join(" union all ");
  const handled = schemas
    .map((schema) => `select consumer, event_id, processed_at from ${qualified(schema, "inbox")}`)
    .join(" union all ");
  const { rows } = await db.query<{ consumer: string; lag_ms: number; offset_ms: number }>(
    `with produced as (${produced}), handled as (${handled})
     select h.consumer,
            (extract(epoch from h.processed_at - p.created_at) * 1000)::float8 as lag_ms,
            (extract(epoch from p.created_at - $1::timestamptz) * 1000)::float8 as offset_ms
     from handled h join produced p on p.id = h.event_id`,
    [from, to],
  );
  return rows.map((row) => ({ consumer: row.consumer, lagMs: row.lag_ms, offsetMs: row.offset_ms }));
}
